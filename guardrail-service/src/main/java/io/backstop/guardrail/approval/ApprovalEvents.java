package io.backstop.guardrail.approval;

import io.backstop.events.ActionApproved;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.RequestRefused;
import io.backstop.events.Stage;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.events.action.WritePlan;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.approval.Approver;
import io.backstop.events.approval.RefusalReason;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.id.ActionId;
import io.backstop.safety.plan.SignalPlans;
import io.backstop.safety.review.ApprovalCheck;
import io.backstop.safety.review.Decision;
import io.backstop.safety.review.HumanApproval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The facts of the approval flow, each reacting to its cause so the hash chain runs through. */
public final class ApprovalEvents {

  private ApprovalEvents() {}

  /**
   * The request for a person's approval of a decision the review escalated with an approval on
   * offer; empty when the write cannot be planned from the signals (then it is escalated as before:
   * nothing a person cannot see is offered).
   */
  public static Optional<ApprovalRequested> requested(
      Decision decision, DiagnosisProposed diagnosis, Instant now) {
    Optional<HumanApproval> offer = decision.humanApproval();
    if (offer.isEmpty()) {
      return Optional.empty();
    }
    HumanApproval approval = offer.get();
    ActionId actionId = ActionId.derive(diagnosis.incidentId(), diagnosis.eventId());
    Optional<WritePlan> plan =
        SignalPlans.plan(
            approval.action(), actionId, diagnosis.incidentId(), diagnosis.signals(), now);
    if (plan.isEmpty()) {
      return Optional.empty();
    }
    String why =
        approval.overridden().stream()
            .map(v -> v.policyId() + ": " + v.reason())
            .collect(Collectors.joining("; "));
    return Optional.of(
        new ApprovalRequested(
            EventHeader.reactingTo(diagnosis, Stage.GUARDRAIL, ApprovalRequested.class, 1, now),
            actionId,
            approval.action(),
            plan.get(),
            approval.preconditions(),
            decision.verdicts(),
            decision.escalationReason(),
            "Approve: "
                + plan.get().summary()
                + ". Every hard rule holds; a person must decide because "
                + why
                + ".",
            now.plus(approval.expiry()),
            approval.approversRequired(),
            decision.budgetLeft(),
            diagnosis));
  }

  /** The write, released by the people who approved it. */
  static ActionApproved approved(
      PendingApproval pending,
      HumanDecision last,
      List<Approver> approvers,
      ApprovalCheck check,
      int budgetLeft,
      Instant now) {
    ApprovalRequested request = pending.request();
    List<PolicyVerdict> verdicts = new ArrayList<>(check.verdicts());
    verdicts.add(
        new PolicyVerdict(
            "approval",
            "approval.quorum",
            VerdictOutcome.ALLOW,
            approvers.size()
                + " of "
                + request.approversRequired()
                + " distinct approver(s): "
                + approvers.stream()
                    .map(a -> a.principal() + " (" + a.origin() + ")")
                    .collect(Collectors.joining(", "))));
    return new ActionApproved(
        EventHeader.reactingTo(last, Stage.GUARDRAIL, ActionApproved.class, 1, now),
        request.actionId(),
        request.action(),
        request.preconditions(),
        verdicts,
        budgetLeft,
        request.diagnosis(),
        approvers);
  }

  static Escalated denied(PendingApproval pending, HumanDecision decision, Instant now) {
    return escalation(
        decision,
        pending,
        EscalationReason.APPROVAL_DENIED,
        "APPROVAL_DENIED: "
            + decision.principal()
            + " denied "
            + pending.request().plan().summary()
            + " ("
            + decision.comment()
            + "). Nothing was written.",
        "Take over the incident: the proposed write was denied; act by hand once you know what"
            + " will fix it.",
        List.of(
            new PolicyVerdict(
                "approval",
                "approval.denied",
                VerdictOutcome.DENY,
                decision.principal() + ": " + decision.comment())),
        now);
  }

  static Escalated expired(PendingApproval pending, Instant now) {
    ApprovalRequested request = pending.request();
    return escalation(
        request,
        pending,
        EscalationReason.APPROVAL_EXPIRED,
        "APPROVAL_EXPIRED: no one approved "
            + request.plan().summary()
            + " before "
            + request.expiresAt()
            + " ("
            + pending.approvers().size()
            + " of "
            + request.approversRequired()
            + " approvals). Nothing was written.",
        "Take over the incident: the approval lapsed; re-check the live state before acting.",
        List.of(
            new PolicyVerdict(
                "approval",
                "approval.expired",
                VerdictOutcome.DENY,
                "expired at " + request.expiresAt())),
        now);
  }

  /** The last approval arrived but a hard rule or the breaker now says no. */
  static Escalated blocked(
      PendingApproval pending, HumanDecision last, ApprovalCheck check, Instant now) {
    return escalation(
        last,
        pending,
        check.reason(),
        check.reason()
            + ": "
            + pending.request().plan().summary()
            + " was approved, but the re-check refused it: "
            + check.why()
            + ". Nothing was written.",
        "Review the verdicts: the rules, the incident or the breaker changed since the approval"
            + " was requested.",
        check.verdicts(),
        now);
  }

  static RequestRefused refused(
      HumanDecision decision, RefusalReason reason, String detail, Instant now) {
    return new RequestRefused(
        EventHeader.reactingTo(decision, Stage.GUARDRAIL, RequestRefused.class, 1, now),
        decision.actionId(),
        decision.principal(),
        decision.origin(),
        decision.verdict() + " " + decision.actionId(),
        reason,
        detail);
  }

  private static Escalated escalation(
      IncidentEvent cause,
      PendingApproval pending,
      EscalationReason reason,
      String summary,
      String suggested,
      List<PolicyVerdict> verdicts,
      Instant now) {
    return new Escalated(
        EventHeader.reactingTo(cause, Stage.GUARDRAIL, Escalated.class, 1, now),
        reason,
        AlertSeverity.CRITICAL,
        pending.request().action().target(),
        summary,
        suggested,
        verdicts);
  }
}
