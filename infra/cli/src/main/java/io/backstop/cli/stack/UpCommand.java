package io.backstop.cli.stack;

import io.backstop.cli.ExitCodes;
import io.backstop.cli.Main;
import io.backstop.cli.StackOptions;
import io.backstop.localkafka.LocalKafka;
import io.backstop.localkafka.LocalKafkaBroker;
import io.backstop.localkafka.StackHome;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backstop up}: starts the local stack and keeps it running until Ctrl-C or {@code backstop
 * down}. Today the stack is the Kafka broker; the services join it in later issues.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the local stack and keep it running until Ctrl-C (or `backstop down`).",
      "Today: a real Apache Kafka broker (KRaft, one node) on 127.0.0.1 with every Backstop topic."
    })
public final class UpCommand implements Callable<Integer> {

  @Mixin StackOptions stack;

  @Option(
      names = "--port",
      defaultValue = "" + LocalKafka.DEFAULT_PORT,
      description = "Port of the Kafka broker on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    StackHome home = stack.home();
    out.println("Starting Kafka (KRaft, broker + controller) on 127.0.0.1:" + port + " ...");
    out.flush();
    long started = System.nanoTime();
    LocalKafkaBroker broker = new LocalKafka(home, port).start();
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              broker.close();
              stopped.countDown();
            },
            "backstop-down");
    Runtime.getRuntime().addShutdownHook(hook);
    printWhere(out, broker, tookMillis);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      broker.close();
      out.println("Stopped.");
      out.flush();
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  private static void printWhere(PrintWriter out, LocalKafkaBroker broker, long tookMillis) {
    out.printf("Backstop is up (Kafka ready with all topics in %.1f s).%n", tookMillis / 1000.0);
    out.println("  kafka bootstrap:  " + broker.bootstrapServers());
    out.println("  data directory:   " + broker.home().root());
    out.println("  kafka data:       " + broker.dataDir());
    out.println("  log file:         " + System.getProperty(Main.LOG_FILE_PROPERTY));
    out.println("Stop with Ctrl-C, or `backstop down` from another terminal.");
    out.flush();
  }
}
