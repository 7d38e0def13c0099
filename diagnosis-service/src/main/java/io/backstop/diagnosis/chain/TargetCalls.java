package io.backstop.diagnosis.chain;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.diagnosis.TargetSpec;
import io.backstop.diagnosis.prompt.AnswerParser;
import io.backstop.diagnosis.prompt.DiagnosisPrompt;
import io.backstop.diagnosis.prompt.UnparseableAnswerException;
import io.backstop.events.diagnosis.CallOutcome;
import io.backstop.events.diagnosis.ModelCall;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The attempts at one target for one proposal: the budget, then the breaker, then the call, each
 * attempt recorded. 429, 5xx and timeouts are retried (resilience4j Retry) after the target's
 * {@code Retry-After} when it sent one within bounds, else after the backoff; a longer {@code
 * Retry-After} means move on. Unparseable output is not retried.
 */
final class TargetCalls {

  private static final Set<CallOutcome> RETRYABLE =
      EnumSet.of(CallOutcome.RATE_LIMITED, CallOutcome.SERVER_ERROR, CallOutcome.TIMEOUT);

  private final ChainSettings settings;
  private final TargetHealth health;
  private final AnswerParser parser;
  private final Clock clock;
  private final RetryConfig retryConfig;

  TargetCalls(ChainSettings settings, TargetHealth health, AnswerParser parser, Clock clock) {
    this.settings = settings;
    this.health = health;
    this.parser = parser;
    this.clock = clock;
    this.retryConfig =
        RetryConfig.custom()
            .maxAttempts(settings.maxAttempts())
            .retryOnException(e -> e instanceof AttemptFailed f && f.retryable())
            .intervalBiFunction(
                (attempt, result) ->
                    result.isLeft() && result.getLeft() instanceof AttemptFailed f
                        ? f.waitBeforeRetry().toMillis()
                        : settings.backoff().toMillis())
            .build();
  }

  Optional<Diagnosis> call(
      ModelClient client, DiagnosisPrompt prompt, CallLog log, CallBudget budget) {
    Retry retry = Retry.of(client.target().name(), retryConfig);
    try {
      return Optional.of(
          Retry.decorateSupplier(retry, () -> once(client, prompt, log, budget)).get());
    } catch (AttemptFailed failed) {
      return Optional.empty();
    }
  }

  private Diagnosis once(
      ModelClient client, DiagnosisPrompt prompt, CallLog log, CallBudget budget) {
    TargetSpec target = client.target();
    Optional<String> over = budget.exceededBy(log);
    if (over.isPresent()) {
      log.add(skipped(target, CallOutcome.BUDGET_EXCEEDED, over.get()));
      throw AttemptFailed.moveOn(over.get());
    }
    CircuitBreaker breaker = health.breaker(target.name());
    if (!breaker.tryAcquirePermission()) {
      String detail = "circuit open: cooling down for " + settings.openFor() + " after failures";
      log.add(skipped(target, CallOutcome.CIRCUIT_OPEN, detail));
      throw AttemptFailed.moveOn(detail);
    }
    Instant started = clock.instant();
    RawAnswer raw;
    try {
      raw = client.complete(prompt);
    } catch (ModelCallException e) {
      throw failed(target, breaker, started, e, log);
    } catch (RuntimeException e) {
      var unexpected =
          new ModelCallException(CallOutcome.CLIENT_ERROR, null, "unexpected: " + e, e);
      throw failed(target, breaker, started, unexpected, log);
    }
    return read(target, breaker, started, raw, log);
  }

  private AttemptFailed failed(
      TargetSpec target,
      CircuitBreaker breaker,
      Instant started,
      ModelCallException e,
      CallLog log) {
    long latency = since(started);
    breaker.onError(latency, TimeUnit.MILLISECONDS, e);
    health.latency(target.name()).record(latency);
    Duration wait = e.retryAfter().orElse(settings.backoff());
    boolean withinBound = wait.compareTo(settings.maxRetryAfter()) <= 0;
    boolean retryable = RETRYABLE.contains(e.outcome()) && withinBound;
    String detail = String.valueOf(e.getMessage());
    if (e.retryAfter().isPresent()) {
      detail +=
          withinBound
              ? "; Retry-After " + wait.toMillis() + "ms, within the bound"
              : "; Retry-After "
                  + wait.toSeconds()
                  + "s exceeds the "
                  + settings.maxRetryAfter()
                  + " bound, moving on";
    }
    log.add(record(target, e.outcome(), started, latency, 0, 0, detail));
    return retryable ? AttemptFailed.retryAfter(detail, wait) : AttemptFailed.moveOn(detail);
  }

  private Diagnosis read(
      TargetSpec target, CircuitBreaker breaker, Instant started, RawAnswer raw, CallLog log) {
    long latency = since(started);
    health.latency(target.name()).record(latency);
    try {
      Diagnosis diagnosis = parser.parse(raw.text());
      breaker.onSuccess(latency, TimeUnit.MILLISECONDS);
      log.add(
          record(
              target, CallOutcome.OK, started, latency, raw.inputTokens(), raw.outputTokens(), ""));
      return diagnosis;
    } catch (UnparseableAnswerException e) {
      breaker.onError(latency, TimeUnit.MILLISECONDS, e);
      log.add(
          record(
              target,
              CallOutcome.UNPARSEABLE,
              started,
              latency,
              raw.inputTokens(),
              raw.outputTokens(),
              e.getMessage()));
      throw AttemptFailed.moveOn(e.getMessage());
    }
  }

  private ModelCall skipped(TargetSpec target, CallOutcome outcome, String detail) {
    return record(target, outcome, clock.instant(), 0, 0, 0, detail);
  }

  private ModelCall record(
      TargetSpec target,
      CallOutcome outcome,
      Instant started,
      long latency,
      long inputTokens,
      long outputTokens,
      String detail) {
    BigDecimal cost = target.pricing().cost(inputTokens, outputTokens);
    return new ModelCall(
        target.name(),
        target.model(),
        target.tier(),
        outcome,
        started,
        latency,
        inputTokens,
        outputTokens,
        cost,
        detail);
  }

  private long since(Instant started) {
    return Math.max(0, clock.millis() - started.toEpochMilli());
  }
}
