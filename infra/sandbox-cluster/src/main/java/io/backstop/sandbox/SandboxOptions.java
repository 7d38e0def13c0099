package io.backstop.sandbox;

import io.backstop.sandbox.access.Tokens;
import io.backstop.sandbox.workload.Timing;
import java.time.Clock;
import java.time.Duration;

/**
 * How to run the sandbox: where to listen (port 0 = ephemeral), how often the controllers
 * reconcile, the simulation's time constants, the clock, the seed for generated names, and the
 * tokens (random when null).
 */
public record SandboxOptions(
    String host,
    int httpPort,
    int httpsPort,
    Duration reconcileInterval,
    Timing timing,
    Clock clock,
    long seed,
    Tokens tokens) {

  public SandboxOptions {
    host = host == null ? "127.0.0.1" : host;
    if (httpPort < 0 || httpPort > 65535 || httpsPort < 0 || httpsPort > 65535) {
      throw new IllegalArgumentException(
          "ports must be between 0 and 65535, but were " + httpPort + " and " + httpsPort);
    }
    reconcileInterval = reconcileInterval == null ? Duration.ofMillis(250) : reconcileInterval;
    if (reconcileInterval.toMillis() < 10) {
      throw new IllegalArgumentException(
          "reconcileInterval must be at least 10ms, but was " + reconcileInterval);
    }
    timing =
        timing == null
            ? new Timing(Duration.ofSeconds(1), Duration.ofSeconds(10), 1.0, Duration.ofSeconds(5))
            : timing;
    clock = clock == null ? Clock.systemUTC() : clock;
    tokens = tokens == null ? Tokens.random() : tokens;
  }

  /** Ephemeral ports and realistic (demo) time constants. */
  public static SandboxOptions defaults() {
    return new SandboxOptions(null, 0, 0, null, null, null, 1L, null);
  }

  /**
   * Ephemeral ports and fast time constants, for tests: pods start in 0.2 s, crash back-off starts
   * at 1 s, leaks grow 60 times faster than their profile says, signals recover in 2 s.
   */
  public static SandboxOptions fast() {
    return defaults()
        .withTiming(
            new Timing(Duration.ofMillis(200), Duration.ofSeconds(1), 60.0, Duration.ofSeconds(2)))
        .withReconcileInterval(Duration.ofMillis(100));
  }

  public SandboxOptions withPorts(int http, int https) {
    return new SandboxOptions(host, http, https, reconcileInterval, timing, clock, seed, tokens);
  }

  public SandboxOptions withTiming(Timing newTiming) {
    return new SandboxOptions(
        host, httpPort, httpsPort, reconcileInterval, newTiming, clock, seed, tokens);
  }

  public SandboxOptions withReconcileInterval(Duration interval) {
    return new SandboxOptions(host, httpPort, httpsPort, interval, timing, clock, seed, tokens);
  }

  public SandboxOptions withTokens(Tokens newTokens) {
    return new SandboxOptions(
        host, httpPort, httpsPort, reconcileInterval, timing, clock, seed, newTokens);
  }
}
