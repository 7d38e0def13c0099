package io.backstop.diagnosis.chain;

import java.time.Duration;
import java.util.Objects;

/**
 * How the chain treats failures. {@code maxAttempts} tries per target for 429, 5xx and timeouts,
 * {@code backoff} between tries unless the target sent a {@code Retry-After}, which is honoured up
 * to {@code maxRetryAfter} (a longer one means move on). The breaker opens when {@code
 * failureRatePercent} of the last {@code breakerWindow} calls failed (at least {@code
 * breakerMinimumCalls} of them) and stays open for {@code openFor}, the cooldown. {@code
 * latencyWindow} recent calls make a target's moving-average latency.
 */
public record ChainSettings(
    int maxAttempts,
    Duration backoff,
    Duration maxRetryAfter,
    Duration openFor,
    int breakerWindow,
    int breakerMinimumCalls,
    float failureRatePercent,
    int latencyWindow) {

  public ChainSettings {
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    Objects.requireNonNull(openFor, "openFor");
    if (maxAttempts < 1 || breakerWindow < 1 || breakerMinimumCalls < 1 || latencyWindow < 1) {
      throw new IllegalArgumentException("attempts, windows and minimum calls must be >= 1");
    }
  }

  public static ChainSettings defaults() {
    return new ChainSettings(
        2, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(5), 10, 4, 50f, 10);
  }
}
