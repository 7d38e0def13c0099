package io.backstop.events;

import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.Preconditions;
import io.backstop.events.action.WritePlan;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.id.ActionId;
import java.time.Instant;
import java.util.List;

/**
 * The guardrail asks a human to approve one exact write. The proposal passed every hard rule (in
 * the vocabulary, one Deployment, not protected, within bounds, grounded) and fell short only of
 * autonomy: {@code reason} says how (tier, budget, a policy marked approvable) and {@code verdicts}
 * holds every verdict with its reason. {@code plan} is the JSON Patch the executor would send,
 * planned by the executor's own planner; {@code preconditions} the live state the executor must
 * still find. The approval lapses at {@code expiresAt} and needs {@code approversRequired} distinct
 * people. {@code diagnosis} (with its signals) is the evidence, and what the hard rules are re-run
 * on when the decision arrives.
 */
public record ApprovalRequested(
    EventHeader header,
    ActionId actionId,
    ApprovedAction action,
    WritePlan plan,
    Preconditions preconditions,
    List<PolicyVerdict> verdicts,
    EscalationReason reason,
    String summary,
    Instant expiresAt,
    int approversRequired,
    int budgetLeft,
    DiagnosisProposed diagnosis)
    implements IncidentEvent {

  public ApprovalRequested {
    Require.present(header, "header");
    Require.present(actionId, "actionId");
    Require.present(action, "action");
    Require.present(plan, "plan");
    Require.present(preconditions, "preconditions");
    verdicts = Require.list(verdicts);
    Require.present(reason, "reason");
    Require.text(summary, "summary");
    Require.present(expiresAt, "expiresAt");
    if (approversRequired < 1) {
      throw new Require.InvalidFieldException(
          "approversRequired", "must be >= 1, but was " + approversRequired);
    }
    Require.present(diagnosis, "diagnosis");
  }

  /** Whether the approval has lapsed at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  @Override
  public ApprovalRequested withHeader(EventHeader newHeader) {
    return new ApprovalRequested(
        newHeader,
        actionId,
        action,
        plan,
        preconditions,
        verdicts,
        reason,
        summary,
        expiresAt,
        approversRequired,
        budgetLeft,
        diagnosis);
  }
}
