package io.backstop.diagnosis.chain;

import io.backstop.events.diagnosis.CallOutcome;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A model call failed: how ({@link CallOutcome}), how long the target asked us to wait before the
 * next try ({@code Retry-After}), and a detail for the record.
 */
public final class ModelCallException extends RuntimeException {

  private final CallOutcome outcome;
  private final transient Duration retryAfter;

  public ModelCallException(
      CallOutcome outcome, Duration retryAfter, String detail, Throwable cause) {
    super(detail, cause);
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.retryAfter = retryAfter;
  }

  public ModelCallException(CallOutcome outcome, String detail) {
    this(outcome, null, detail, null);
  }

  public CallOutcome outcome() {
    return outcome;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
