package io.backstop.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.Preconditions;
import io.backstop.events.approval.Approver;
import io.backstop.events.id.ActionId;
import java.util.List;

/**
 * The guardrail approved one narrow write. {@code preconditions} is the live state the executor
 * must still find; {@code verdicts} every gate verdict; {@code diagnosis} the proposal (with its
 * signals) so the executor can re-run the action gate on the same inputs. {@code approvers} names
 * the people who approved it when a human approval was needed (empty for an autonomous approval):
 * the executor then accepts the gate's escalations that a policy marks approvable, and nothing
 * else.
 */
public record ActionApproved(
    EventHeader header,
    ActionId actionId,
    ApprovedAction action,
    Preconditions preconditions,
    List<PolicyVerdict> verdicts,
    int budgetLeft,
    DiagnosisProposed diagnosis,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Approver> approvers)
    implements IncidentEvent {

  public ActionApproved {
    Require.present(header, "header");
    Require.present(actionId, "actionId");
    Require.present(action, "action");
    Require.present(preconditions, "preconditions");
    verdicts = Require.list(verdicts);
    Require.present(diagnosis, "diagnosis");
    approvers = Require.list(approvers);
  }

  /** An autonomous approval: no person approved it. */
  public ActionApproved(
      EventHeader header,
      ActionId actionId,
      ApprovedAction action,
      Preconditions preconditions,
      List<PolicyVerdict> verdicts,
      int budgetLeft,
      DiagnosisProposed diagnosis) {
    this(header, actionId, action, preconditions, verdicts, budgetLeft, diagnosis, List.of());
  }

  /** Whether people approved this write (rather than the guardrail alone). */
  public boolean humanApproved() {
    return !approvers.isEmpty();
  }

  @Override
  public ActionApproved withHeader(EventHeader newHeader) {
    return new ActionApproved(
        newHeader, actionId, action, preconditions, verdicts, budgetLeft, diagnosis, approvers);
  }
}
