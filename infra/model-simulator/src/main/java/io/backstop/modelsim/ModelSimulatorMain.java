package io.backstop.modelsim;

import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioException;
import io.backstop.scenario.ScenarioLoader;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the model simulator (a SIMULATOR) on its own. Prints the base URL and serves until the
 * process is stopped; a bad option is named with the usage and exit code 2.
 */
@Command(
    name = "model-simulator",
    mixinStandardHelpOptions = true,
    version = "backstop model simulator",
    description =
        "Serves an OpenAI-compatible API whose models behave as the scenario says (honest,"
            + " hallucinating, 429, 500, slow, unparseable).")
public final class ModelSimulatorMain implements Callable<Integer> {

  @Option(
      names = "--scenario",
      paramLabel = "FILE|NAME",
      defaultValue = "bad-deploy-hallucinated-sha",
      description = "A scenario file, or the name of a shipped one (default: ${DEFAULT-VALUE}).")
  private String scenario;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "The loopback port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      defaultValue = SimulatorConfig.DEFAULT_API_KEY,
      description = "The bearer token clients must send (default: ${DEFAULT-VALUE}).")
  private String apiKey;

  @Spec private CommandSpec spec;

  /** What the command line asks for. */
  record Options(Scenario scenario, SimulatorConfig config) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new ModelSimulatorMain()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    Options options = options();
    var simulator = ModelSimulator.start(options.scenario(), options.config(), Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
    System.out.println(
        "model simulator listening on "
            + simulator.baseUrl()
            + " playing "
            + options.scenario().name());
    new CountDownLatch(1).await();
    return 0;
  }

  /** Reads the options; a bad one is a {@link ParameterException} naming it. */
  static Options options(String... args) {
    CommandLine line = new CommandLine(new ModelSimulatorMain());
    line.parseArgs(args);
    return line.<ModelSimulatorMain>getCommand().options();
  }

  private Options options() {
    SimulatorConfig config;
    try {
      config = SimulatorConfig.defaults().withPort(port).withApiKey(apiKey);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    try {
      return new Options(ScenarioLoader.fileOrShipped(scenario), config);
    } catch (ScenarioException e) {
      throw new ParameterException(spec.commandLine(), "--scenario: " + e.getMessage());
    }
  }
}
