package io.backstop.guardrail.review;

import io.backstop.events.ActionApproved;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.id.ActionId;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.safety.review.Decision;
import java.time.Instant;
import java.util.List;

/** Maps a decision to the one event that states it: rejection, approval or escalation. */
final class DecisionEvents {

  private DecisionEvents() {}

  static IncidentEvent of(Decision decision, DiagnosisProposed diagnosis, Instant now) {
    return switch (decision.outcome()) {
      case APPROVE -> approved(decision, diagnosis, now);
      case REJECT_REROUTE -> rejected(decision, diagnosis, now);
      case ESCALATE -> escalated(decision, diagnosis, now);
    };
  }

  private static ActionApproved approved(
      Decision decision, DiagnosisProposed diagnosis, Instant now) {
    EventHeader header =
        EventHeader.reactingTo(diagnosis, Stage.GUARDRAIL, ActionApproved.class, 1, now);
    return new ActionApproved(
        header,
        ActionId.derive(diagnosis.incidentId(), diagnosis.eventId()),
        decision.action(),
        decision.preconditions(),
        decision.verdicts(),
        decision.budgetLeft(),
        diagnosis);
  }

  private static DiagnosisRejected rejected(
      Decision decision, DiagnosisProposed diagnosis, Instant now) {
    EventHeader header =
        EventHeader.reactingTo(diagnosis, Stage.GUARDRAIL, DiagnosisRejected.class, 1, now);
    return new DiagnosisRejected(
        header,
        decision.failures(),
        decision.nextTier(),
        decision.reroutesUsed() + 1,
        decision.rerouteBudget(),
        diagnosis);
  }

  private static Escalated escalated(Decision decision, DiagnosisProposed diagnosis, Instant now) {
    return escalation(
        diagnosis,
        decision.escalationReason(),
        target(decision, diagnosis),
        decision.summary(),
        decision.suggestedAction(),
        decision.verdicts(),
        now);
  }

  static Escalated escalation(
      IncidentEvent cause,
      EscalationReason reason,
      WorkloadRef target,
      String summary,
      String suggestedAction,
      List<PolicyVerdict> verdicts,
      Instant now) {
    EventHeader header = EventHeader.reactingTo(cause, Stage.GUARDRAIL, Escalated.class, 1, now);
    return new Escalated(
        header, reason, AlertSeverity.CRITICAL, target, summary, suggestedAction, verdicts);
  }

  /** An internal failure while reviewing: escalate with what is known, fail closed. */
  static Escalated internalError(DiagnosisProposed diagnosis, Exception e, Instant now) {
    return escalation(
        diagnosis,
        EscalationReason.INTERNAL_ERROR,
        diagnosis.signals().target(),
        "INTERNAL_ERROR while reviewing the proposal of "
            + diagnosis.answeredBy()
            + " ("
            + diagnosis.action().type()
            + " "
            + diagnosis.action().target()
            + "): "
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage(),
        "Investigate: the safety path failed closed; judge the proposal by hand.",
        List.of(
            new PolicyVerdict(
                "review",
                "review.internal-error",
                VerdictOutcome.DENY,
                String.valueOf(e.getMessage()))),
        now);
  }

  /** A proposal whose hash chain is broken: escalate, never judge an edited record. */
  static Escalated tampered(DiagnosisProposed diagnosis, Instant now) {
    return escalation(
        diagnosis,
        EscalationReason.INTERNAL_ERROR,
        diagnosis.signals().target(),
        "INTERNAL_ERROR: the proposal "
            + diagnosis.eventId()
            + " or its signals fail their hash check (edited or never sealed); it was not judged.",
        "Investigate who wrote the record: the audit chain is broken at this proposal.",
        List.of(
            new PolicyVerdict(
                "review",
                "review.integrity",
                VerdictOutcome.DENY,
                "hash of the proposal or its signals does not match the content")),
        now);
  }

  /** The approved or recommended target when it is known, else the incident's target. */
  private static WorkloadRef target(Decision decision, DiagnosisProposed diagnosis) {
    return decision.action() != null ? decision.action().target() : diagnosis.signals().target();
  }
}
