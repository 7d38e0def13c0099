package io.backstop.sandbox;

import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox cluster (a SIMULATOR) standalone:
 *
 * <pre>
 * java -cp ... io.backstop.sandbox.SandboxMain --scenario FILE [--port N] [--https-port N]
 *     [--kubeconfig-dir DIR] [--fast]
 * </pre>
 *
 * {@code --scenario} also accepts the name of a shipped scenario ({@code memory-leak}). Prints the
 * URLs and the kubeconfig files (one per token, owner-only, in {@code --kubeconfig-dir} or a fresh
 * temporary directory; the tokens themselves are never printed), then serves until interrupted.
 */
public final class SandboxMain {

  private SandboxMain() {}

  public static void main(String[] args) throws InterruptedException, java.io.IOException {
    // Named so it never shadows the logging setup of an application that embeds the sandbox.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "backstop-sandbox-logback.xml");
    }
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("sandbox: " + e.getMessage());
      System.err.println(
          "usage: SandboxMain --scenario FILE|NAME [--port N] [--https-port N]"
              + " [--kubeconfig-dir DIR] [--fast]");
      System.exit(2);
      return;
    }
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
    java.nio.file.Path kubeconfigs =
        arguments.kubeconfigDir() != null
            ? arguments.kubeconfigDir()
            : java.nio.file.Files.createTempDirectory("backstop-sandbox-");
    for (String token :
        new String[] {
          sandbox.tokens().admin(), sandbox.tokens().readOnly(), sandbox.tokens().executor()
        }) {
      System.out.println("  kubeconfig: " + sandbox.kubeconfig(kubeconfigs, token));
    }
    stopped.await();
  }

  /** The parsed command line. */
  record Arguments(Scenario scenario, SandboxOptions options, Path kubeconfigDir) {

    static Arguments parse(String[] args) {
      Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
      Scenario scenario = null;
      int http = 0;
      int https = 0;
      Path kubeconfigs = null;
      boolean fast = false;
      while (!rest.isEmpty()) {
        String flag = rest.pop();
        switch (flag) {
          case "--scenario" -> scenario = scenario(value(flag, rest));
          case "--port" -> http = port(flag, value(flag, rest));
          case "--https-port" -> https = port(flag, value(flag, rest));
          case "--kubeconfig-dir" -> kubeconfigs = Path.of(value(flag, rest));
          case "--fast" -> fast = true;
          default -> throw new IllegalArgumentException("unknown argument '" + flag + "'");
        }
      }
      if (scenario == null) {
        throw new IllegalArgumentException("--scenario is required");
      }
      SandboxOptions options =
          (fast ? SandboxOptions.fast() : SandboxOptions.defaults()).withPorts(http, https);
      return new Arguments(scenario, options, kubeconfigs);
    }

    private static Scenario scenario(String value) {
      Path file = Path.of(value);
      if (file.toFile().isFile()) {
        return ScenarioLoader.load(file);
      }
      String fileName = value.endsWith(".yaml") ? value : value + ".yaml";
      if (ScenarioLoader.shippedNames().contains(fileName)) {
        return ScenarioLoader.loadResource(fileName);
      }
      throw new IllegalArgumentException(
          "no scenario file '"
              + value
              + "' and no shipped scenario of that name (shipped: "
              + ScenarioLoader.shippedNames()
              + ")");
    }

    private static String value(String flag, Deque<String> rest) {
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return rest.pop();
    }

    private static int port(String flag, String value) {
      try {
        int port = Integer.parseInt(value);
        if (port < 0 || port > 65535) {
          throw new NumberFormatException();
        }
        return port;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            flag + " must be a port between 0 and 65535, but was '" + value + "'");
      }
    }
  }
}
