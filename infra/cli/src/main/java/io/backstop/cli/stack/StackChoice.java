package io.backstop.cli.stack;

import io.backstop.localkafka.StackHome;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stack.StackOptions;
import io.backstop.stack.StackPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every command that starts a whole local stack. */
public final class StackChoice {

  @Option(
      names = "--port-base",
      paramLabel = "N",
      description =
          "Every port of the stack is N plus a fixed offset (default: 17000 for `up`, 17500 for"
              + " `demo` and `scenario run`, so they can run beside each other).")
  int portBase;

  @Option(
      names = "--separate-processes",
      description = "Run each service as its own JVM, as in production (default: one JVM).")
  boolean separateProcesses;

  @Option(
      names = "--no-prometheus",
      description = "Do not start Prometheus and Alertmanager even when they are installed.")
  boolean noPrometheus;

  @Option(
      names = "--authenticated-broker",
      description =
          "Run the broker with SASL/SCRAM and ACLs: each service its own principal, only the"
              + " guardrail may write actions (the default of `up` and `demo`).")
  boolean authenticatedBroker;

  @Option(
      names = "--plain-broker",
      description =
          "Run the broker without authentication or ACLs: anyone who reaches its port may"
              + " produce to any topic (the default of `scenario run` and `chaos`).")
  boolean plainBroker;

  /** Whether this command runs an authenticated broker unless told otherwise. */
  private boolean authenticatedByDefault;

  /**
   * Makes the authenticated broker this command's default ({@code up}, {@code demo}): the stack a
   * person runs and shows is the one whose broker refuses a write from the wrong principal.
   */
  public StackChoice authenticatedByDefault() {
    authenticatedByDefault = true;
    return this;
  }

  /** Whether the broker runs with SASL/SCRAM and ACLs; both flags at once is a named error. */
  public boolean authenticated() {
    if (authenticatedBroker && plainBroker) {
      throw new IllegalArgumentException(
          "--authenticated-broker and --plain-broker exclude each other: choose one");
    }
    return authenticatedBroker || (authenticatedByDefault && !plainBroker);
  }

  public StackChoice withDefault(int base) {
    if (portBase == 0) {
      portBase = base;
    }
    return this;
  }

  /** The same choice on ports {@code offset} above these (a second stack beside the first). */
  public StackChoice shifted(int offset) {
    StackChoice copy = new StackChoice();
    copy.portBase = (portBase == 0 ? StackPorts.DEFAULT_BASE : portBase) + offset;
    copy.separateProcesses = separateProcesses;
    copy.noPrometheus = noPrometheus;
    copy.authenticatedBroker = authenticatedBroker;
    copy.plainBroker = plainBroker;
    copy.authenticatedByDefault = authenticatedByDefault;
    return copy;
  }

  /** For `up`: the real alert path when Prometheus and Alertmanager are installed. */
  public StackOptions options(StackHome home, Scenario scenario) {
    return options(home, scenario, StackOptions.Prometheus.ALERTING);
  }

  /** For runs that inject their own alert: Prometheus answers queries, its rules hold. */
  public StackOptions options(StackHome home, Scenario scenario, StackOptions.Prometheus alerting) {
    StackOptions options =
        new StackOptions(
            home,
            new StackPorts(portBase == 0 ? StackPorts.DEFAULT_BASE : portBase),
            scenario,
            separateProcesses,
            noPrometheus ? StackOptions.Prometheus.OFF : alerting,
            StackOptions.demoTiming());
    return authenticated() ? options.withAuthenticatedBroker() : options;
  }

  /** A scenario by file path, or a shipped one by name ({@code memory-leak}). */
  public static Scenario scenario(String nameOrFile) {
    Path file = Path.of(nameOrFile);
    if (Files.isRegularFile(file)) {
      return ScenarioLoader.load(file);
    }
    String name = nameOrFile.endsWith(".yaml") ? nameOrFile : nameOrFile + ".yaml";
    return ScenarioLoader.loadResource(name);
  }
}
