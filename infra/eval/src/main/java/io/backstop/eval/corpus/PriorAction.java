package io.backstop.eval.corpus;

import java.time.Duration;

/**
 * Something Backstop already did before the output under judgement, replayed into the guardrail's
 * budget and breaker state exactly as the live guardrail folds it: a write it approved ({@code
 * action} RESTART, ROLLBACK or SCALE on {@code workload}, with its {@code outcome} if it was
 * executed), or a re-route of this incident's diagnosis ({@code action: REROUTE}). {@code incident}
 * is {@code same} (the default) or {@code other} (another incident in the same namespace).
 */
public record PriorAction(
    String action, String workload, String incident, Duration ago, String outcome) {}
