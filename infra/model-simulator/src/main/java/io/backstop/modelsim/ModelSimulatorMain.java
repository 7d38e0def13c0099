package io.backstop.modelsim;

import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioException;
import io.backstop.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the model simulator on its own: {@code --scenario FILE|SHIPPED-NAME [--port N] [--api-key
 * KEY]}. Prints the base URL and serves until the process is stopped.
 */
public final class ModelSimulatorMain {

  static final String USAGE =
      "usage: ModelSimulatorMain --scenario FILE|SHIPPED-NAME [--port N] [--api-key KEY]";

  private ModelSimulatorMain() {}

  /** What the command line asks for. */
  record Options(Scenario scenario, SimulatorConfig config) {}

  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = options(args);
    } catch (IllegalArgumentException | ScenarioException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    var simulator = ModelSimulator.start(options.scenario(), options.config(), Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
    System.out.println(
        "model simulator listening on "
            + simulator.baseUrl()
            + " playing "
            + options.scenario().name());
    new CountDownLatch(1).await();
  }

  /** Reads the options; a bad one is an IllegalArgumentException naming it. */
  static Options options(String[] args) {
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("every option takes a value");
    }
    var config = SimulatorConfig.defaults();
    String scenario = "bad-deploy-hallucinated-sha.yaml";
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--scenario" -> scenario = value;
        case "--port" -> config = config.withPort(port(value));
        case "--api-key" -> config = config.withApiKey(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new Options(load(scenario), config);
  }

  private static int port(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port must be a number, but was '" + value + "'");
    }
  }

  private static Scenario load(String argument) {
    Path file = Path.of(argument);
    return Files.isRegularFile(file)
        ? ScenarioLoader.load(file)
        : ScenarioLoader.loadResource(argument);
  }
}
