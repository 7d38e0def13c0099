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

  private ModelSimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    var config = SimulatorConfig.defaults();
    String scenarioArg = "bad-deploy-hallucinated-sha.yaml";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--scenario" -> scenarioArg = args[i + 1];
        case "--port" -> config = config.withPort(Integer.parseInt(args[i + 1]));
        case "--api-key" -> config = config.withApiKey(args[i + 1]);
        default -> usage("unknown option " + args[i]);
      }
    }
    if (args.length % 2 != 0) {
      usage("every option takes a value");
    }
    Scenario scenario;
    try {
      scenario = load(scenarioArg);
    } catch (ScenarioException e) {
      usage(e.getMessage());
      return;
    }
    var simulator = ModelSimulator.start(scenario, config, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
    System.out.println(
        "model simulator listening on " + simulator.baseUrl() + " playing " + scenario.name());
    new CountDownLatch(1).await();
  }

  private static Scenario load(String argument) {
    Path file = Path.of(argument);
    return Files.isRegularFile(file)
        ? ScenarioLoader.load(file)
        : ScenarioLoader.loadResource(argument);
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println(
        "usage: ModelSimulatorMain --scenario FILE|SHIPPED-NAME [--port N] [--api-key KEY]");
    System.exit(2);
  }
}
