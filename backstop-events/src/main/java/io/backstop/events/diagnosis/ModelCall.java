package io.backstop.events.diagnosis;

import io.backstop.events.Require;
import java.math.BigDecimal;
import java.time.Instant;

/** One call to one model target: the receipt. Cost in US dollars. */
public record ModelCall(
    String target,
    String model,
    ModelTier tier,
    CallOutcome outcome,
    Instant startedAt,
    long latencyMillis,
    long inputTokens,
    long outputTokens,
    BigDecimal costUsd,
    String detail) {

  public ModelCall {
    Require.text(target, "call.target");
    Require.present(tier, "call.tier");
    Require.present(outcome, "call.outcome");
    Require.present(startedAt, "call.startedAt");
    Require.nonNegative(latencyMillis, "call.latencyMillis");
    Require.nonNegative(inputTokens, "call.inputTokens");
    Require.nonNegative(outputTokens, "call.outputTokens");
    costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    detail = detail == null ? "" : detail;
  }
}
