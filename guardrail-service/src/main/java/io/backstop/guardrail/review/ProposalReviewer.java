package io.backstop.guardrail.review;

import io.backstop.events.ApprovalRequested;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.codec.EventCodec;
import io.backstop.guardrail.approval.ApprovalEvents;
import io.backstop.guardrail.state.GuardrailState;
import io.backstop.safety.Guardrails;
import io.backstop.safety.review.Decision;
import io.backstop.stream.Inbound;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/**
 * Judges a proposal with the safety core's one review path, against the incident's budget and the
 * breakers. {@link #decide} has no side effects (the what-if endpoint uses it); {@link #review}
 * turns the decision into the event to emit (an escalation that every hard rule allowed and that a
 * person may approve becomes an {@code ApprovalRequested}) and never throws: any failure becomes an
 * {@code Escalated(INTERNAL_ERROR)}, and so does a proposal (or its embedded signals) whose hash
 * does not match its content: an edited record is never judged as if it were the original.
 */
@Component
public class ProposalReviewer {

  private final Guardrails guardrails;
  private final GuardrailState state;
  private final Clock clock;

  public ProposalReviewer(Guardrails guardrails, GuardrailState state, Clock clock) {
    this.guardrails = guardrails;
    this.state = state;
    this.clock = clock;
  }

  /**
   * A reviewer over a state of its own that has folded {@code history} (an incident's and its
   * namespace's earlier events: approvals, outcomes, re-routes, escalations, breaker resets) the
   * way the live guardrail folds what it consumes, judging at {@code clock}'s time, by the policy
   * book of {@code guardrails} but with budgets and breakers of its own: the live state is never
   * touched (a what-if has no side effects). What-if evaluations, the evaluation corpus and the CLI
   * judge a proposal against a stated past this way, through the same {@link #decide}. The history
   * is folded as the guardrail folds the audit log on start: each event at the time it says it
   * happened (never later than the clock), so a write two hours old is two hours old to the
   * breaker's windows and to the per-Deployment cool-down.
   */
  public static ProposalReviewer withHistory(
      Guardrails guardrails, List<IncidentEvent> history, Clock clock) {
    Guardrails fresh = Guardrails.of(guardrails.book(), clock);
    GuardrailState state = new GuardrailState(fresh);
    history.forEach(state::replay);
    return new ProposalReviewer(fresh, state, clock);
  }

  public Decision decide(SignalsGathered signals, DiagnosisProposed diagnosis) {
    return guardrails
        .review()
        .evaluate(signals, diagnosis, state.budget(diagnosis.incidentId()), state.breakers());
  }

  /** Reviews a proposal built here (no bytes received): its chain is checked re-encoded. */
  public IncidentEvent review(DiagnosisProposed diagnosis) {
    return review(
        diagnosis, () -> EventCodec.intact(diagnosis) && EventCodec.intact(diagnosis.signals()));
  }

  /**
   * Reviews a proposal as received: its hash, its embedded signals' hash and the link between them
   * were checked by {@link Inbound} over the bytes as they came, so a triage or diagnosis of
   * another contract version is never mistaken for an edited record.
   */
  public IncidentEvent review(Inbound.Received<DiagnosisProposed> received) {
    return review(received.event(), () -> received.breach().isEmpty());
  }

  private IncidentEvent review(DiagnosisProposed diagnosis, BooleanSupplier chainIntact) {
    try {
      if (!chainIntact.getAsBoolean()) {
        return DecisionEvents.tampered(diagnosis, clock.instant());
      }
      state.ensureCurrent();
      Decision decision = decide(diagnosis.signals(), diagnosis);
      Optional<ApprovalRequested> approval =
          ApprovalEvents.requested(decision, diagnosis, clock.instant());
      if (approval.isPresent()) {
        return approval.get();
      }
      return DecisionEvents.of(decision, diagnosis, clock.instant());
    } catch (RuntimeException e) {
      return DecisionEvents.internalError(diagnosis, e, clock.instant());
    }
  }
}
