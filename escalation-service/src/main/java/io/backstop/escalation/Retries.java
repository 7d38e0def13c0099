package io.backstop.escalation;

import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The retries of the escalation's outbound calls (the pager, the ticket server), on resilience4j's
 * {@link Retry} as diagnosis retries its model calls: bounded exponential back-off (attempt {@code
 * n} waits {@code initial * 2^(n-1)}, capped at {@code max}), a receiver's {@code Retry-After}
 * honoured up to {@code maxRetryAfter}. The whole budget must fit inside the consumer's poll
 * interval, which is why every bound is explicit. The waits are scheduled on {@code scheduler}
 * (resilience4j's asynchronous retry), not slept, so a test schedules them without waiting.
 */
public final class Retries {

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final ScheduledExecutorService scheduler;

  public Retries(
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration maxRetryAfter,
      ScheduledExecutorService scheduler) {
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
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Runs {@code attempt} until it returns a result that {@code retryOnResult} does not retry or
   * throws an exception that {@code retryOnException} does not retry, or {@code maxAttempts} have
   * run; returns the last result or throws the last exception. {@code retryAfter} is what the
   * receiver asked of a retried result. {@code perAttempt} bounds one attempt (its request
   * timeouts), so the whole run is bounded too: a retry the scheduler refuses (it is shut down) or
   * that does not end within the bound ends in a {@link RetriesUnfinishedException}, never in a
   * caller blocked for good.
   *
   * @throws InterruptedException when the caller is interrupted while a retry is pending
   */
  public <T> T run(
      String name,
      Duration perAttempt,
      Supplier<T> attempt,
      Predicate<T> retryOnResult,
      Function<T, Optional<Duration>> retryAfter,
      Predicate<Throwable> retryOnException)
      throws InterruptedException {
    RetryConfig config =
        RetryConfig.<T>custom()
            .maxAttempts(maxAttempts)
            .retryOnResult(retryOnResult)
            .retryOnException(retryOnException)
            .failAfterMaxAttempts(false)
            .intervalBiFunction(
                (Integer failed, Either<Throwable, T> outcome) ->
                    delay(
                            failed,
                            outcome.isRight() ? retryAfter.apply(outcome.get()) : Optional.empty())
                        .toMillis())
            .build();
    Duration bound = bound(perAttempt);
    CompletionStage<T> stage;
    try {
      stage = Retry.of(name, config).executeCompletionStage(scheduler, () -> once(attempt));
    } catch (RejectedExecutionException e) {
      throw new RetriesUnfinishedException(name, "its scheduler refused the retry (shut down)");
    }
    try {
      return stage.toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RejectedExecutionException) {
        throw new RetriesUnfinishedException(name, "its scheduler refused the retry (shut down)");
      }
      throw unwrap(e.getCause());
    } catch (TimeoutException e) {
      throw new RetriesUnfinishedException(name, "they did not end within " + bound);
    }
  }

  /** The longest a run can take: every attempt, every wait between them, twice over. */
  Duration bound(Duration perAttempt) {
    Duration longestWait = maxBackoff.compareTo(maxRetryAfter) > 0 ? maxBackoff : maxRetryAfter;
    return perAttempt
        .multipliedBy(maxAttempts)
        .plus(longestWait.multipliedBy(maxAttempts - 1L))
        .multipliedBy(2);
  }

  /** A run of retries cut short: its scheduler refused a retry, or it outran its bound. */
  public static final class RetriesUnfinishedException extends RuntimeException {
    RetriesUnfinishedException(String name, String why) {
      super("the retries of " + name + " were cut short: " + why);
    }
  }

  /** How long to wait after failed attempt {@code attempt} (1-based). */
  Duration delay(int attempt, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent() && !retryAfter.get().isNegative()) {
      return retryAfter.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter.get();
    }
    long factor = 1L << Math.min(attempt - 1, 20);
    Duration exponential = initialBackoff.multipliedBy(factor);
    return exponential.compareTo(maxBackoff) > 0 ? maxBackoff : exponential;
  }

  private static <T> CompletionStage<T> once(Supplier<T> attempt) {
    try {
      return CompletableFuture.completedFuture(attempt.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static RuntimeException unwrap(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }
}
