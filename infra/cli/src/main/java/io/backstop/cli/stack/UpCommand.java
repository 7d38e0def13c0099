package io.backstop.cli.stack;

import io.backstop.cli.ExitCodes;
import io.backstop.cli.Main;
import io.backstop.cli.StackOptions;
import io.backstop.localkafka.LocalKafka;
import io.backstop.localkafka.LocalKafkaBroker;
import io.backstop.localkafka.StackHome;
import io.backstop.stack.Endpoint;
import io.backstop.stack.LocalStack;
import io.backstop.stack.ProcessMemory;
import io.backstop.stack.services.RunningService;
import java.io.PrintWriter;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backstop up}: starts the whole local stack and keeps it running until Ctrl-C or {@code
 * backstop down}; {@code --kafka-only} starts just the broker.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the local stack and keep it running until Ctrl-C (or `backstop down`): a real Kafka"
          + " broker (KRaft), the sandbox cluster, the model simulator, the pager inbox, the ticket"
          + " MCP server, Prometheus and Alertmanager when installed, and the five services.",
      "Only executor-service is given the sandbox's write token; triage gets a read-only token."
    })
public final class UpCommand implements Callable<Integer> {

  @Mixin StackOptions stack;

  @Mixin StackChoice choice;

  @Option(
      names = "--scenario",
      paramLabel = "NAME|FILE",
      defaultValue = "bad-deploy-hallucinated-sha",
      description =
          "The scenario the sandbox and model simulator start with (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--kafka-only", description = "Start only the Kafka broker.")
  boolean kafkaOnly;

  @Option(
      names = "--port",
      defaultValue = "" + LocalKafka.DEFAULT_PORT,
      description =
          "With --kafka-only: the broker's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--instances",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Run N instances of each service (1 to "
              + io.backstop.stack.StackOptions.MAX_INSTANCES
              + ", one consumer group per service: Kafka shares the partitions among them, and"
              + " each namespace's breaker has one owner; default: ${DEFAULT-VALUE}).")
  int instances;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (instances < 1 || instances > io.backstop.stack.StackOptions.MAX_INSTANCES) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--instances must be between 1 and "
              + io.backstop.stack.StackOptions.MAX_INSTANCES
              + " (every topic has "
              + io.backstop.stack.StackOptions.MAX_INSTANCES
              + " partitions), but was "
              + instances);
    }
    StackHome home = stack.home();
    long started = System.nanoTime();
    AutoCloseable running;
    if (kafkaOnly) {
      out.println("Starting Kafka (KRaft, broker + controller) on 127.0.0.1:" + port + " ...");
      out.flush();
      LocalKafkaBroker broker = new LocalKafka(home, port).start();
      printBroker(out, broker, millisSince(started));
      running = broker;
    } else {
      out.println("Starting the Backstop local stack in " + home.root() + " ...");
      out.flush();
      LocalStack local =
          LocalStack.create(
              choice
                  .authenticatedByDefault()
                  .options(home, StackChoice.scenario(scenario))
                  .withInstances(instances));
      // Stoppable from the first moment: `backstop down` or Ctrl-C while the stack is still
      // starting stops every part started so far, child processes included.
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook = stopHook(local, stopped);
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        local.launch(
            step -> {
              out.println("  starting " + step);
              out.flush();
            });
      } catch (LocalStack.StoppedWhileStarting e) {
        awaitQuietly(stopped);
        return ExitCodes.FAILED;
      }
      printStack(out, local, millisSince(started));
      return waitForStop(out, local, hook, stopped);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = stopHook(running, stopped);
    Runtime.getRuntime().addShutdownHook(hook);
    return waitForStop(out, running, hook, stopped);
  }

  private static Thread stopHook(AutoCloseable running, CountDownLatch stopped) {
    return new Thread(
        () -> {
          close(running);
          stopped.countDown();
        },
        "backstop-down");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int waitForStop(
      PrintWriter out, AutoCloseable running, Thread hook, CountDownLatch stopped) {
    out.println("Stop with Ctrl-C, or `backstop down` from another terminal.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      close(running);
      out.println("Stopped.");
      out.flush();
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  private static void close(AutoCloseable running) {
    try {
      running.close();
    } catch (Exception e) {
      System.err.println("backstop: stopping failed: " + e.getMessage());
    }
  }

  private static void printStack(PrintWriter out, LocalStack stack, long tookMillis) {
    out.printf(
        "Backstop is up (%.1f s; the stack itself %.1f s).%n",
        tookMillis / 1000.0, stack.readyIn().toMillis() / 1000.0);
    out.println("  " + startTimes(stack));
    out.println("  " + memory(stack));
    for (Endpoint endpoint : stack.endpoints()) {
      out.printf("  %-24s %s%n", endpoint.name() + ":", endpoint.address());
    }
    if (!stack.prometheusNote().isEmpty()) {
      out.println("  Prometheus/Alertmanager: not started: " + stack.prometheusNote());
    }
    out.println(
        "  guardrail admin token:   in " + stack.credentials().adminTokenFile() + " (0600)");
    out.println("  console:                 " + stack.consoleUrl() + "  (log in as a local user)");
    for (var user : stack.credentials().console().users()) {
      out.printf("    %-8s %s%n", user.username(), user.role());
    }
    out.println(
        "    passwords in "
            + stack.options().home().root().resolve("console").resolve("passwords")
            + " (0600)");
    out.println(
        "  approvals from a shell:  ./backstop approvals list --as vera;"
            + " ./backstop approvals approve ID --as alice --comment '...'");
    out.println("  logs:                    " + stack.options().home().logs());
    out.println(
        "Send an alert: POST an Alertmanager webhook to the URL above, or put an"
            + " AlertReceived on backstop.alerts.v1.");
    out.flush();
  }

  /** Each service's own start time, as the stack measured it. */
  static String startTimes(LocalStack stack) {
    boolean oneAfterAnother = Boolean.getBoolean(LocalStack.ONE_AFTER_ANOTHER);
    StringBuilder line =
        new StringBuilder(
            stack.options().separateProcesses()
                ? (oneAfterAnother
                    ? "services started one after another, each in:"
                    : "services up after (launched side by side):")
                : (oneAfterAnother
                    ? "services started one after another in this JVM, each in:"
                    : "services started side by side in this JVM, each in:"));
    stack
        .serviceStartTimes()
        .forEach(
            (name, took) ->
                line.append(String.format(" %s %.1f s,", name, took.toMillis() / 1000.0)));
    line.setLength(line.length() - 1);
    return line.toString();
  }

  /**
   * Resident memory as the kernel counts it: of this JVM, and of each service's own JVM when they
   * run as separate processes (in one JVM the services share one heap, so there is no figure per
   * service).
   */
  static String memory(LocalStack stack) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                "RSS: this JVM %s%s",
                mib(ProcessMemory.selfRssBytes()),
                stack.options().separateProcesses() ? "" : " (broker, simulators, every service)"));
    long total = 0;
    for (RunningService service : stack.services()) {
      OptionalLong pid = service.pid();
      if (pid.isPresent()) {
        OptionalLong rss = ProcessMemory.rssBytes(pid.getAsLong());
        total += rss.orElse(0);
        line.append(", ").append(service.name()).append(' ').append(mib(rss));
      }
    }
    if (total > 0) {
      line.append(", services together ").append(mib(OptionalLong.of(total)));
    }
    return line.toString();
  }

  private static String mib(OptionalLong bytes) {
    return bytes.isPresent()
        ? String.format("%,d MiB", bytes.getAsLong() / (1024 * 1024))
        : "unknown (no /proc)";
  }

  private static void printBroker(PrintWriter out, LocalKafkaBroker broker, long tookMillis) {
    out.printf("Backstop is up (Kafka ready with all topics in %.1f s).%n", tookMillis / 1000.0);
    out.println("  kafka bootstrap:  " + broker.bootstrapServers());
    out.println("  data directory:   " + broker.home().root());
    out.println("  kafka data:       " + broker.dataDir());
    out.println("  log file:         " + System.getProperty(Main.LOG_FILE_PROPERTY));
    out.flush();
  }

  private static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
