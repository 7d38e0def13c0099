package io.backstop.sandbox.spec;

import java.time.Duration;

/** The kinds of behaviour a workload can show. */
public enum HealthKind {
  HEALTHY(0.15, Duration.ofMillis(120)),
  CRASH_LOOP(0.05, Duration.ofMillis(120)),
  ERROR_RATE(0.25, Duration.ofMillis(400)),
  MEMORY_LEAK(0.30, Duration.ofMillis(250)),
  SATURATED(0.97, Duration.ofMillis(2500)),
  AUTH_FAILURE(0.10, Duration.ofMillis(90)),
  /** Writes ephemeral storage until the kubelet evicts the pod at its limit. */
  DISK_FILL(0.20, Duration.ofMillis(150));

  private final double defaultCpu;
  private final Duration defaultLatencyP99;

  HealthKind(double defaultCpu, Duration defaultLatencyP99) {
    this.defaultCpu = defaultCpu;
    this.defaultLatencyP99 = defaultLatencyP99;
  }

  double defaultCpu() {
    return defaultCpu;
  }

  Duration defaultLatencyP99() {
    return defaultLatencyP99;
  }

  /** Whether pods of this kind serve traffic (pass readiness). */
  public boolean serves() {
    return this != CRASH_LOOP;
  }
}
