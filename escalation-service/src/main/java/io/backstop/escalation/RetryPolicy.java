package io.backstop.escalation;

import java.time.Duration;

/**
 * Bounded exponential back-off: attempt {@code n} waits {@code initial * 2^(n-1)}, capped at {@code
 * max}; a receiver's {@code Retry-After} is honoured up to {@code maxRetryAfter}. The whole budget
 * must fit inside the consumer's poll interval, which is why every bound is explicit.
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException(
          "maxAttempts must be between 1 and 10, but was " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must satisfy 0 <= initial <= max, but was "
              + initialBackoff
              + ", "
              + maxBackoff);
    }
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(
        5, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  /** How long to wait after failed attempt {@code attempt} (1-based). */
  public Duration delay(int attempt, Duration retryAfter) {
    if (retryAfter != null && !retryAfter.isNegative()) {
      return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
    }
    long factor = 1L << Math.min(attempt - 1, 20);
    Duration exponential = initialBackoff.multipliedBy(factor);
    return exponential.compareTo(maxBackoff) > 0 ? maxBackoff : exponential;
  }
}
