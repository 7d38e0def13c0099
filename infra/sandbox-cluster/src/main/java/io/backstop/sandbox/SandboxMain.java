package io.backstop.sandbox;

import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioException;
import io.backstop.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the sandbox cluster (a SIMULATOR) standalone. Prints the URLs and the kubeconfig files (one
 * per token, owner-only, in {@code --kubeconfig-dir} or a fresh temporary directory; the tokens
 * themselves are never printed), then serves until interrupted; a bad option is named with the
 * usage and exit code 2.
 */
@Command(
    name = "sandbox-cluster",
    mixinStandardHelpOptions = true,
    version = "backstop sandbox cluster",
    description =
        "Serves a Kubernetes API on loopback (a SIMULATOR) with a small deployment controller,"
            + " workload health driven by the scenario, metrics and per-token permissions.")
public final class SandboxMain implements Callable<Integer> {

  @Option(
      names = "--scenario",
      paramLabel = "FILE|NAME",
      required = true,
      description = "A scenario file, or the name of a shipped one (memory-leak).")
  private String scenario;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "0",
      description = "The plain-http port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  private int http;

  @Option(
      names = "--https-port",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "The https port (kubectl needs it); 0 picks a free one (default: ${DEFAULT-VALUE}).")
  private int https;

  @Option(
      names = "--kubeconfig-dir",
      paramLabel = "DIR",
      description =
          "Where to write one kubeconfig per token (default: a fresh temporary directory).")
  private Path kubeconfigDir;

  @Option(names = "--fast", description = "Short controller delays, as tests use.")
  private boolean fast;

  @Spec private CommandSpec spec;

  /** The parsed command line. */
  record Arguments(Scenario scenario, SandboxOptions options, Path kubeconfigDir) {}

  public static void main(String[] args) {
    // Named so it never shadows the logging setup of an application that embeds the sandbox.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "backstop-sandbox-logback.xml");
    }
    System.exit(new CommandLine(new SandboxMain()).execute(args));
  }

  /** Reads the command line; a bad option is a {@link ParameterException} naming it. */
  static Arguments arguments(String... args) {
    CommandLine line = new CommandLine(new SandboxMain());
    line.parseArgs(args);
    return line.<SandboxMain>getCommand().arguments();
  }

  @Override
  public Integer call() throws InterruptedException, IOException {
    Arguments arguments = arguments();
    SandboxCluster sandbox =
        SandboxCluster.start(SandboxSpec.from(arguments.scenario()), arguments.options());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandbox.close();
                  stopped.countDown();
                }));
    System.out.println(
        "sandbox cluster (SIMULATOR) running scenario " + arguments.scenario().name());
    System.out.println("  http:    " + sandbox.httpUrl());
    System.out.println("  https:   " + sandbox.httpsUrl());
    System.out.println("  metrics: " + sandbox.metricsUrl());
    // The tokens go into owner-only kubeconfig files, never onto the terminal (or a log of it).
    Path kubeconfigs =
        arguments.kubeconfigDir() != null
            ? arguments.kubeconfigDir()
            : Files.createTempDirectory("backstop-sandbox-");
    for (String token :
        new String[] {
          sandbox.tokens().admin(), sandbox.tokens().readOnly(), sandbox.tokens().executor()
        }) {
      System.out.println("  kubeconfig: " + sandbox.kubeconfig(kubeconfigs, token));
    }
    stopped.await();
    return 0;
  }

  private Arguments arguments() {
    port("--port", http);
    port("--https-port", https);
    SandboxOptions options =
        (fast ? SandboxOptions.fast() : SandboxOptions.defaults()).withPorts(http, https);
    try {
      return new Arguments(ScenarioLoader.fileOrShipped(scenario), options, kubeconfigDir);
    } catch (ScenarioException e) {
      throw new ParameterException(spec.commandLine(), "--scenario: " + e.getMessage());
    }
  }

  private void port(String option, int value) {
    if (value < 0 || value > 65535) {
      throw new ParameterException(
          spec.commandLine(), option + " must be a port between 0 and 65535, but was " + value);
    }
  }
}
