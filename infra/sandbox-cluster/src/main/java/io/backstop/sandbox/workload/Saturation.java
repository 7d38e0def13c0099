package io.backstop.sandbox.workload;

import io.backstop.sandbox.spec.Health;
import java.time.Duration;

/**
 * How a saturated profile depends on capacity: the profile describes the deployment at its original
 * replica count; each replica carries {@code load} times its normal share. Scaling out lowers the
 * load per replica, and CPU, latency and errors ease toward normal as it does; below {@link
 * #HEALTHY_LOAD} times the normal share the pods behave normally.
 */
final class Saturation {

  static final double HEALTHY_LOAD = 1.25;
  private static final double NORMAL_CPU = 0.35;
  private static final Duration NORMAL_P99 = Duration.ofMillis(150);

  private Saturation() {}

  /** The severity in [0, 1] at a load per replica (1 = as the profile describes). */
  static double severity(Health profile, double load) {
    double full = profile.trafficMultiplier();
    if (full <= HEALTHY_LOAD) {
      return 1.0;
    }
    return Math.max(0, Math.min(1, (load - HEALTHY_LOAD) / (full - HEALTHY_LOAD)));
  }

  static Health scaled(Health profile, double load) {
    double s = severity(profile, load);
    double cpu = NORMAL_CPU + (profile.cpuUtilisation() - NORMAL_CPU) * s;
    long p99 =
        NORMAL_P99.toMillis()
            + (long) ((profile.latencyP99().toMillis() - NORMAL_P99.toMillis()) * s);
    return new Health(
        profile.kind(),
        Math.max(0.001, profile.errorRate() * s),
        profile.logs(),
        profile.exitReason(),
        profile.exitCode(),
        0,
        Math.max(0.01, cpu),
        Duration.ofMillis(Math.max(1, p99)),
        profile.trafficMultiplier(),
        profile.dependency(),
        profile.statusCode());
  }
}
