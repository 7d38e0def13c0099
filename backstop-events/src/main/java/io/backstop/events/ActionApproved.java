package io.backstop.events;

import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.Preconditions;
import io.backstop.events.id.ActionId;
import java.util.List;

/**
 * The guardrail approved one narrow write. {@code preconditions} is the live state the executor
 * must still find; {@code verdicts} every gate verdict; {@code diagnosis} the proposal (with its
 * signals) so the executor can re-run the action gate on the same inputs.
 */
public record ActionApproved(
    EventHeader header,
    ActionId actionId,
    ApprovedAction action,
    Preconditions preconditions,
    List<PolicyVerdict> verdicts,
    int budgetLeft,
    DiagnosisProposed diagnosis)
    implements IncidentEvent {

  public ActionApproved {
    Require.present(header, "header");
    Require.present(actionId, "actionId");
    Require.present(action, "action");
    Require.present(preconditions, "preconditions");
    verdicts = Require.list(verdicts);
    Require.present(diagnosis, "diagnosis");
  }

  @Override
  public ActionApproved withHeader(EventHeader newHeader) {
    return new ActionApproved(
        newHeader, actionId, action, preconditions, verdicts, budgetLeft, diagnosis);
  }
}
