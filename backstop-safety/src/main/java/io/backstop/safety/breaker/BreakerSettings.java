package io.backstop.safety.breaker;

import java.time.Duration;

/**
 * When a namespace's breaker trips. Safety rationale: the limits are small positive numbers over a
 * sliding window, so a run of automated writes or failed recoveries stops automation before it can
 * cascade across a namespace.
 *
 * @param window the sliding window writes and failed recoveries are counted in
 * @param maxWrites approved writes allowed per namespace in the window
 * @param maxFailedRecoveries NOT_RECOVERED or REVERTED outcomes that trip the breaker
 * @param loopWindow the window writes to one Deployment are counted in, across incidents
 * @param maxWritesPerDeployment automated writes to one Deployment allowed in the loop window; one
 *     more is a remediation loop (the third restart of a leak in an hour hides it, not fixes it)
 * @param cooldown how long after an automated write to a Deployment has settled (its outcome seen)
 *     another incident's automated write to the same Deployment waits for a person: a second fix
 *     stacked on a first whose effect is not known yet hides the first's outcome
 */
public record BreakerSettings(
    Duration window,
    int maxWrites,
    int maxFailedRecoveries,
    Duration loopWindow,
    int maxWritesPerDeployment,
    Duration cooldown) {

  public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(10);
  public static final Duration DEFAULT_LOOP_WINDOW = Duration.ofHours(1);
  public static final int DEFAULT_MAX_WRITES_PER_DEPLOYMENT = 2;

  public BreakerSettings {
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("breaker.window must be positive, but was " + window);
    }
    if (maxWrites < 1) {
      throw new IllegalArgumentException("breaker.maxWrites must be >= 1, but was " + maxWrites);
    }
    if (maxFailedRecoveries < 1) {
      throw new IllegalArgumentException(
          "breaker.maxFailedRecoveries must be >= 1, but was " + maxFailedRecoveries);
    }
    if (loopWindow == null || loopWindow.isNegative() || loopWindow.isZero()) {
      throw new IllegalArgumentException(
          "breaker.loop.window must be positive, but was " + loopWindow);
    }
    if (maxWritesPerDeployment < 1) {
      throw new IllegalArgumentException(
          "breaker.loop.maxWritesPerDeployment must be >= 1, but was " + maxWritesPerDeployment);
    }
    if (cooldown == null || cooldown.isNegative() || cooldown.isZero()) {
      throw new IllegalArgumentException("breaker.cooldown must be positive, but was " + cooldown);
    }
  }

  /** Breaker settings with the default cool-down per Deployment. */
  public BreakerSettings(
      Duration window,
      int maxWrites,
      int maxFailedRecoveries,
      Duration loopWindow,
      int maxWritesPerDeployment) {
    this(
        window,
        maxWrites,
        maxFailedRecoveries,
        loopWindow,
        maxWritesPerDeployment,
        DEFAULT_COOLDOWN);
  }

  /** Breaker settings with the default remediation-loop bound. */
  public BreakerSettings(Duration window, int maxWrites, int maxFailedRecoveries) {
    this(
        window,
        maxWrites,
        maxFailedRecoveries,
        DEFAULT_LOOP_WINDOW,
        DEFAULT_MAX_WRITES_PER_DEPLOYMENT);
  }
}
