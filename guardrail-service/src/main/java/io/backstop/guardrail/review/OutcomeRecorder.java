package io.backstop.guardrail.review;

import io.backstop.events.ActionExecuted;
import io.backstop.events.Escalated;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.guardrail.state.GuardrailState;
import io.backstop.safety.Guardrails;
import io.backstop.safety.breaker.NamespaceBreaker;
import io.backstop.safety.budget.BudgetSettings;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Feeds an executor outcome to the budget and the breaker. Escalates only what the executor does
 * not: the executor escalates every outcome whose status {@link
 * io.backstop.events.action.ExecutionStatus#needsHuman() needs a human} (the one rule), so the
 * guardrail adds an escalation only when this outcome trips a namespace breaker ({@code
 * BREAKER_OPEN}), or spends the incident's budget on an outcome no human has heard of.
 */
@Component
public class OutcomeRecorder {

  private final GuardrailState state;
  private final BudgetSettings budgets;
  private final Clock clock;

  public OutcomeRecorder(GuardrailState state, Guardrails guardrails, Clock clock) {
    this.state = state;
    this.budgets = guardrails.book().settings().budget();
    this.clock = clock;
  }

  /** Applies the outcome; returns the escalation to emit, if any. */
  public Optional<Escalated> record(ActionExecuted outcome) {
    boolean wasExhausted = state.budget(outcome.incidentId()).exhausted(budgets);
    Optional<NamespaceBreaker> tripped = state.apply(outcome);
    if (tripped.isEmpty()) {
      // The outcome may have been read from the audit before it arrived here (after a rebalance,
      // or by the follower): the breaker it opened is announced now, by its owner, once.
      tripped = state.unannouncedOpen(outcome.action().target().namespace());
    }
    if (tripped.isPresent()) {
      return Optional.of(breakerOpen(outcome, tripped.get()));
    }
    boolean nowExhausted = state.budget(outcome.incidentId()).exhausted(budgets);
    if (!wasExhausted && nowExhausted && !outcome.status().needsHuman()) {
      return Optional.of(budgetSpent(outcome));
    }
    return Optional.empty();
  }

  private Escalated breakerOpen(ActionExecuted outcome, NamespaceBreaker breaker) {
    return DecisionEvents.escalation(
        outcome,
        EscalationReason.BREAKER_OPEN,
        outcome.action().target(),
        "BREAKER_OPEN for namespace '"
            + breaker.namespace()
            + "': "
            + breaker.openReason()
            + "; the last was "
            + outcome.status()
            + " of "
            + outcome.action().type()
            + " on "
            + outcome.action().target()
            + ". Automated writes in the namespace are stopped until a human resets the breaker.",
        "Inspect the namespace's recent automated writes, then POST /api/v1/breakers/"
            + breaker.namespace()
            + "/reset with your name and reason.",
        List.of(),
        clock.instant());
  }

  private Escalated budgetSpent(ActionExecuted outcome) {
    return DecisionEvents.escalation(
        outcome,
        EscalationReason.ANOMALY_BUDGET_EXHAUSTED,
        outcome.action().target(),
        "ANOMALY_BUDGET_EXHAUSTED after "
            + outcome.status()
            + " of "
            + outcome.action().type()
            + " on "
            + outcome.action().target(),
        "Take over the incident: automation spent its anomaly budget; review the timeline.",
        List.of(),
        clock.instant());
  }
}
