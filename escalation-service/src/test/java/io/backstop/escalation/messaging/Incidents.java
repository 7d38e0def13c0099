package io.backstop.escalation.messaging;

import io.backstop.events.ActionApproved;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.approval.DecisionVerdict;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixture incident moved to a fresh incident id, so tests sharing one broker and one Spring
 * context do not see each other's pages and tickets. Each event is re-sealed under the new id and
 * re-chained to its moved cause, so the hash chain still verifies.
 */
final class Incidents {

  private Incidents() {}

  /** The whole escalated chain: alert, signals, the lie, its rejection, the escalation. */
  static List<IncidentEvent> blocked(String incident) {
    return chain(
        incident,
        List.of(
            Alerts.checkoutErrorRate(),
            Signals.badDeploy(),
            Diagnoses.hallucinatedRollbackAll(),
            Decisions.hallucinationRejected(),
            Decisions.actionBlocked()));
  }

  /** The honest chain ending in a verified rollback. */
  static List<IncidentEvent> verified(String incident) {
    return chain(
        incident,
        List.of(
            Alerts.checkoutErrorRate(),
            Signals.badDeploy(),
            Diagnoses.honestRollback(),
            Decisions.rollbackApproved(),
            Decisions.rollbackVerified()));
  }

  /** The honest rollback waiting for a person: alert, signals, diagnosis, approval request. */
  static List<IncidentEvent> awaitingApproval(String incident) {
    return chain(incident, approvalStart(Decisions.approvalRequested()));
  }

  /** Bob denies the approval and the guardrail escalates APPROVAL_DENIED. */
  static List<IncidentEvent> approvalDenied(String incident) {
    ApprovalRequested request = Decisions.approvalRequested();
    return chain(incident, denied(request));
  }

  /** No one decides; the guardrail escalates APPROVAL_EXPIRED. */
  static List<IncidentEvent> approvalExpired(String incident) {
    ApprovalRequested request = Decisions.approvalRequested();
    List<IncidentEvent> events = new ArrayList<>(approvalStart(request));
    events.add(
        EventCodec.seal(
            new Escalated(
                EventHeader.reactingTo(
                    request, Stage.GUARDRAIL, Escalated.class, 1, request.expiresAt()),
                EscalationReason.APPROVAL_EXPIRED,
                AlertSeverity.CRITICAL,
                Signals.CHECKOUT,
                "APPROVAL_EXPIRED: no one approved "
                    + request.plan().summary()
                    + " before "
                    + request.expiresAt()
                    + " (0 of 1 approvals). Nothing was written.",
                "Take over the incident: the approval lapsed; re-check the live state before acting.",
                List.of(
                    new PolicyVerdict(
                        "approval",
                        "approval.expired",
                        VerdictOutcome.DENY,
                        "expired at " + request.expiresAt())))));
    return chain(incident, events);
  }

  /** Alice approves; the guardrail lets the write go ({@code ActionApproved} naming her). */
  static List<IncidentEvent> approvedByAlice(String incident) {
    List<IncidentEvent> events = new ArrayList<>(approvalStart(Decisions.approvalRequested()));
    events.add(Decisions.approvedByAlice());
    events.add(Decisions.humanApproved());
    return chain(incident, events);
  }

  /**
   * Two writes in one incident: a person denied the approval of one (a restart-like second action,
   * with an action id of its own), then the guardrail approved the rollback by itself and the
   * executor verified it.
   */
  static List<IncidentEvent> verifiedAfterADeniedApproval(String incident) {
    ApprovalRequested fixture = Decisions.approvalRequested();
    ApprovalRequested other =
        EventCodec.seal(
            new ApprovalRequested(
                fixture.header().withHash(null),
                ActionId.of("0b5c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3"),
                fixture.action(),
                fixture.plan(),
                fixture.preconditions(),
                fixture.verdicts(),
                fixture.reason(),
                fixture.summary(),
                fixture.expiresAt(),
                fixture.approversRequired(),
                fixture.budgetLeft(),
                fixture.diagnosis()));
    List<IncidentEvent> events = new ArrayList<>(denied(other));
    events.add(Decisions.rollbackApproved());
    events.add(Decisions.rollbackVerified());
    return chain(incident, events);
  }

  private static List<IncidentEvent> approvalStart(ApprovalRequested request) {
    return List.of(
        Alerts.checkoutErrorRate(), Signals.badDeploy(), Diagnoses.honestRollback(), request);
  }

  private static List<IncidentEvent> denied(ApprovalRequested request) {
    java.time.Instant at = request.header().occurredAt().plusSeconds(90);
    HumanDecision no =
        EventCodec.seal(
            new HumanDecision(
                new EventHeader(
                    HumanDecision.idFor(request.eventId(), "bob", DecisionVerdict.DENIED),
                    request.incidentId(),
                    request.eventId(),
                    Stage.ESCALATION,
                    at,
                    1,
                    request.header().hash(),
                    null),
                request.actionId(),
                DecisionVerdict.DENIED,
                "bob",
                at,
                "console 10.0.0.7",
                "not during the payments freeze"));
    Escalated escalated =
        EventCodec.seal(
            new Escalated(
                EventHeader.reactingTo(no, Stage.GUARDRAIL, Escalated.class, 1, at.plusMillis(40)),
                EscalationReason.APPROVAL_DENIED,
                AlertSeverity.CRITICAL,
                Signals.CHECKOUT,
                "APPROVAL_DENIED: bob denied "
                    + request.plan().summary()
                    + " (not during the payments freeze). Nothing was written.",
                "Take over the incident: the proposed write was denied; act by hand once you know"
                    + " what will fix it.",
                List.of(
                    new PolicyVerdict(
                        "approval",
                        "approval.denied",
                        VerdictOutcome.DENY,
                        "bob: not during the payments freeze"))));
    List<IncidentEvent> events = new ArrayList<>(approvalStart(request));
    events.add(no);
    events.add(escalated);
    return events;
  }

  private static List<IncidentEvent> chain(String incident, List<IncidentEvent> events) {
    java.util.Map<String, String> newHash = new java.util.HashMap<>();
    List<IncidentEvent> moved = new ArrayList<>();
    for (IncidentEvent e : events) {
      String parent = e.header().parentHash();
      var header =
          new io.backstop.events.EventHeader(
              e.eventId(),
              IncidentId.of(incident),
              e.header().causationId(),
              e.header().stage(),
              e.header().occurredAt(),
              e.header().attempt(),
              parent == null ? null : newHash.getOrDefault(parent, parent),
              null);
      IncidentEvent sealed = EventCodec.seal(embedMoved(e.withHeader(header), moved));
      newHash.put(e.header().hash(), sealed.header().hash());
      moved.add(sealed);
    }
    return moved;
  }

  /**
   * An event that carries the diagnosis it reacts to carries the moved one, so a reader that checks
   * embedded events against their causes (every function bean does) accepts it.
   */
  private static IncidentEvent embedMoved(IncidentEvent e, List<IncidentEvent> moved) {
    java.util.function.Function<DiagnosisProposed, DiagnosisProposed> swap =
        d ->
            moved.stream()
                .filter(DiagnosisProposed.class::isInstance)
                .map(DiagnosisProposed.class::cast)
                .filter(m -> m.eventId().equals(d.eventId()))
                .findFirst()
                .orElse(d);
    if (e instanceof DiagnosisProposed p) {
      SignalsGathered signals =
          moved.stream()
              .filter(SignalsGathered.class::isInstance)
              .map(SignalsGathered.class::cast)
              .filter(m -> m.eventId().equals(p.signals().eventId()))
              .findFirst()
              .orElse(p.signals());
      return new DiagnosisProposed(
          p.header(),
          p.hypothesis(),
          p.suspectedResource(),
          p.suspectedNamespace(),
          p.suspectedDeploySha(),
          p.confidence(),
          p.citedEvidence(),
          p.action(),
          p.answeredBy(),
          p.tier(),
          p.calls(),
          p.rerouteCount(),
          signals);
    }
    if (e instanceof ApprovalRequested r) {
      return new ApprovalRequested(
          r.header(),
          r.actionId(),
          r.action(),
          r.plan(),
          r.preconditions(),
          r.verdicts(),
          r.reason(),
          r.summary(),
          r.expiresAt(),
          r.approversRequired(),
          r.budgetLeft(),
          swap.apply(r.diagnosis()));
    }
    if (e instanceof ActionApproved a) {
      return new ActionApproved(
          a.header(),
          a.actionId(),
          a.action(),
          a.preconditions(),
          a.verdicts(),
          a.budgetLeft(),
          swap.apply(a.diagnosis()),
          a.approvers());
    }
    return e;
  }
}
