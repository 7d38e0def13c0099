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
 */
public record BreakerSettings(Duration window, int maxWrites, int maxFailedRecoveries) {

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
  }
}
