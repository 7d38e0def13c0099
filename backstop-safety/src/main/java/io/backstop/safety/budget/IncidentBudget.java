package io.backstop.safety.budget;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.escalation.EscalationReason;
import java.util.EnumSet;
import java.util.Set;

/**
 * One incident's running anomaly budget, as an immutable value folded from its events. Safety
 * rationale: every re-route, guardrail hit, blocked action and failed verification costs points,
 * every decision is a step; once either runs out the incident goes to a human, and because the
 * state is a fold over events it is rebuilt exactly by replaying them.
 */
public record IncidentBudget(
    int steps,
    int reroutes,
    int guardrailHits,
    int blockedActions,
    int failedVerifications,
    int writesApproved,
    int pointsSpent) {

  private static final Set<EscalationReason> BLOCKED =
      EnumSet.of(
          EscalationReason.ACTION_BLOCKED,
          EscalationReason.TIER_AUTONOMY_LIMIT,
          EscalationReason.BREAKER_OPEN);
  private static final Set<ExecutionStatus> FAILED =
      EnumSet.of(
          ExecutionStatus.NOT_RECOVERED,
          ExecutionStatus.REVERTED,
          ExecutionStatus.REVERT_NOT_RECOVERED,
          ExecutionStatus.FAILED);

  public static IncidentBudget fresh() {
    return new IncidentBudget(0, 0, 0, 0, 0, 0, 0);
  }

  /** The budget after one more event of this incident; events that cost nothing leave it as is. */
  public IncidentBudget apply(IncidentEvent event, BudgetSettings costs) {
    if (event instanceof DiagnosisRejected) {
      return new IncidentBudget(
          steps + 1,
          reroutes + 1,
          guardrailHits + 1,
          blockedActions,
          failedVerifications,
          writesApproved,
          pointsSpent + costs.rerouteCost() + costs.guardrailHitCost());
    }
    if (event instanceof ApprovalRequested) {
      // The autonomous write was blocked and handed to a person: it costs what a blocked action
      // escalated to a human costs, so asking for approvals never buys an incident more steps.
      return new IncidentBudget(
          steps + 1,
          reroutes,
          guardrailHits + 1,
          blockedActions + 1,
          failedVerifications,
          writesApproved,
          pointsSpent + costs.blockedActionCost());
    }
    if (event instanceof ActionApproved) {
      return new IncidentBudget(
          steps + 1,
          reroutes,
          guardrailHits,
          blockedActions,
          failedVerifications,
          writesApproved + 1,
          pointsSpent);
    }
    if (event instanceof Escalated escalated && escalated.header().stage() == Stage.GUARDRAIL) {
      boolean blocked = BLOCKED.contains(escalated.reason());
      boolean ungrounded = escalated.reason() == EscalationReason.QUALITY_GATE_EXHAUSTED;
      return new IncidentBudget(
          steps + 1,
          reroutes,
          guardrailHits + (blocked || ungrounded ? 1 : 0),
          blockedActions + (blocked ? 1 : 0),
          failedVerifications,
          writesApproved,
          pointsSpent
              + (blocked ? costs.blockedActionCost() : 0)
              + (ungrounded ? costs.guardrailHitCost() : 0));
    }
    if (event instanceof ActionExecuted executed) {
      boolean failed = FAILED.contains(executed.status());
      return new IncidentBudget(
          steps + 1,
          reroutes,
          guardrailHits,
          blockedActions,
          failedVerifications + (failed ? 1 : 0),
          writesApproved,
          pointsSpent + (failed ? costs.failedVerificationCost() : 0));
    }
    return this;
  }

  public int pointsLeft(BudgetSettings settings) {
    return Math.max(0, settings.points() - pointsSpent);
  }

  /** Spent when the points are gone or the loop budget of steps is used up. */
  public boolean exhausted(BudgetSettings settings) {
    return pointsSpent >= settings.points() || steps >= settings.maxSteps();
  }
}
