package io.backstop.stack;

import io.backstop.localkafka.StackHome;
import io.backstop.sandbox.workload.Timing;
import io.backstop.scenario.Scenario;
import java.time.Duration;
import java.util.Map;

/**
 * How to run the stack: its data directory, ports, the scenario the sandbox and the model simulator
 * start with, whether each service gets its own JVM, how to run Prometheus and Alertmanager when
 * they are installed, the sandbox's time constants, how many instances of each service run (one
 * consumer group per service, so Kafka shares the partitions among them), and properties added to a
 * service's own (by service name, e.g. {@code executor-service} → {@code
 * backstop.executor.dry-run=true}), and whether the broker authenticates every client (SASL/SCRAM,
 * one principal per service, ACLs from {@code ServicePrincipal}).
 */
public record StackOptions(
    StackHome home,
    StackPorts ports,
    Scenario scenario,
    boolean separateProcesses,
    Prometheus prometheus,
    Timing timing,
    int instances,
    Map<String, Map<String, String>> serviceProperties,
    boolean authenticatedBroker) {

  /** At most this many instances of each service: every topic has three partitions. */
  public static final int MAX_INSTANCES = 3;

  public StackOptions {
    if (instances < 1 || instances > MAX_INSTANCES) {
      throw new IllegalArgumentException(
          "instances must be between 1 and " + MAX_INSTANCES + ", but was " + instances);
    }
    serviceProperties = serviceProperties == null ? Map.of() : Map.copyOf(serviceProperties);
  }

  public StackOptions(
      StackHome home,
      StackPorts ports,
      Scenario scenario,
      boolean separateProcesses,
      Prometheus prometheus,
      Timing timing) {
    this(home, ports, scenario, separateProcesses, prometheus, timing, 1, Map.of(), false);
  }

  /** The same stack with SASL/SCRAM and ACLs on the broker, each service its own principal. */
  public StackOptions withAuthenticatedBroker() {
    return new StackOptions(
        home,
        ports,
        scenario,
        separateProcesses,
        prometheus,
        timing,
        instances,
        serviceProperties,
        true);
  }

  public StackOptions withInstances(int count) {
    return new StackOptions(
        home,
        ports,
        scenario,
        separateProcesses,
        prometheus,
        timing,
        count,
        serviceProperties,
        authenticatedBroker);
  }

  public StackOptions withServiceProperties(Map<String, Map<String, String>> properties) {
    return new StackOptions(
        home,
        ports,
        scenario,
        separateProcesses,
        prometheus,
        timing,
        instances,
        properties,
        authenticatedBroker);
  }

  /**
   * Prometheus and Alertmanager, when installed: off; scraping for triage's and the executor's
   * queries while the alert rules hold (runs that inject their own alert); or the real alert path,
   * rules firing through Alertmanager to triage's webhook ({@code backstop up}).
   */
  public enum Prometheus {
    OFF,
    QUERIES_ONLY,
    ALERTING
  }

  /** Quick enough for a demo, slow enough to watch: pods start in 1s, recovery takes 4s. */
  public static Timing demoTiming() {
    return new Timing(Duration.ofSeconds(1), Duration.ofSeconds(3), 60.0, Duration.ofSeconds(4));
  }

  /**
   * For tests: pods start in 0.2s, recovery takes 2s. Leaks run 60 times faster than scripted, so a
   * restart still buys tens of seconds, longer than verification takes, as it buys hours in life.
   */
  public static Timing testTiming() {
    return new Timing(Duration.ofMillis(200), Duration.ofSeconds(1), 60.0, Duration.ofSeconds(2));
  }
}
