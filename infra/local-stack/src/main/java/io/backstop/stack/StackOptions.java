package io.backstop.stack;

import io.backstop.localkafka.StackHome;
import io.backstop.sandbox.workload.Timing;
import io.backstop.scenario.Scenario;
import java.time.Duration;

/**
 * How to run the stack: its data directory, ports, the scenario the sandbox and the model simulator
 * start with, whether each service gets its own JVM, how to run Prometheus and Alertmanager when
 * they are installed, and the sandbox's time constants.
 */
public record StackOptions(
    StackHome home,
    StackPorts ports,
    Scenario scenario,
    boolean separateProcesses,
    Prometheus prometheus,
    Timing timing) {

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
