package io.backstop.diagnosis.chain;

import java.time.Duration;

/**
 * One attempt at one target did not yield a diagnosis (already on the record). Retryable failures
 * say how long to wait before the next attempt.
 */
final class AttemptFailed extends RuntimeException {

  private final boolean retryable;
  private final transient Duration wait;

  private AttemptFailed(String reason, boolean retryable, Duration wait) {
    super(reason, null, false, false);
    this.retryable = retryable;
    this.wait = wait;
  }

  static AttemptFailed retryAfter(String reason, Duration wait) {
    return new AttemptFailed(reason, true, wait);
  }

  static AttemptFailed moveOn(String reason) {
    return new AttemptFailed(reason, false, Duration.ZERO);
  }

  boolean retryable() {
    return retryable;
  }

  Duration waitBeforeRetry() {
    return wait;
  }
}
