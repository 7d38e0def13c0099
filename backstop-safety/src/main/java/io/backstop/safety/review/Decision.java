package io.backstop.safety.review;

import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.Preconditions;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.safety.verdict.GateResult;
import java.util.List;
import java.util.Objects;

/**
 * The review's decision with everything it was based on. Safety rationale: the constructor refuses
 * an APPROVE without an action and preconditions, a REJECT_REROUTE without a next tier and an
 * ESCALATE without a reason, so a half-made decision cannot leave the core.
 *
 * @param action the approved write (APPROVE only, else null)
 * @param preconditions the target's current state the executor must find (APPROVE only)
 * @param escalationReason why a human takes over (ESCALATE only)
 * @param nextTier the tier to re-ask (REJECT_REROUTE only)
 * @param budgetLeft the incident's anomaly points left before this decision
 * @param approval what a human may approve (ESCALATE only, and only when every hard rule held; else
 *     null)
 */
public record Decision(
    Outcome outcome,
    List<GateResult> gates,
    ApprovedAction action,
    Preconditions preconditions,
    EscalationReason escalationReason,
    ModelTier nextTier,
    int reroutesUsed,
    int rerouteBudget,
    int budgetLeft,
    String summary,
    String suggestedAction,
    HumanApproval approval) {

  public Decision {
    Objects.requireNonNull(outcome, "outcome");
    gates = List.copyOf(gates);
    switch (outcome) {
      case APPROVE -> {
        Objects.requireNonNull(action, "an approval needs an action");
        Objects.requireNonNull(preconditions, "an approval needs preconditions");
      }
      case REJECT_REROUTE -> Objects.requireNonNull(nextTier, "a rejection needs a next tier");
      case ESCALATE -> Objects.requireNonNull(escalationReason, "an escalation needs a reason");
    }
    if (approval != null && outcome != Outcome.ESCALATE) {
      throw new IllegalArgumentException("only an escalation can be offered for approval");
    }
  }

  /** What a human may approve, when this escalation may be approved at all. */
  public java.util.Optional<HumanApproval> humanApproval() {
    return java.util.Optional.ofNullable(approval);
  }

  /** Every verdict of every gate, as it goes on the record. */
  public List<PolicyVerdict> verdicts() {
    return gates.stream().flatMap(g -> g.toRecords().stream()).toList();
  }

  /** The verdicts that did not allow. */
  public List<PolicyVerdict> failures() {
    return verdicts().stream()
        .filter(v -> v.outcome() != io.backstop.events.action.VerdictOutcome.ALLOW)
        .toList();
  }
}
