package io.backstop.events;

import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.action.Verification;
import io.backstop.events.id.ActionId;

/**
 * The executor's outcome for one approval: every approval it receives ends in exactly one of these,
 * including the refusals. Revisions and SHAs before and after, and what verification saw.
 */
public record ActionExecuted(
    EventHeader header,
    ActionId actionId,
    ApprovedAction action,
    ExecutionStatus status,
    Long revisionBefore,
    Long revisionAfter,
    String shaBefore,
    String shaAfter,
    Verification verification,
    String reason)
    implements IncidentEvent {

  public ActionExecuted {
    Require.present(header, "header");
    Require.present(actionId, "actionId");
    Require.present(action, "action");
    Require.present(status, "status");
    reason = reason == null ? "" : reason;
  }

  @Override
  public ActionExecuted withHeader(EventHeader newHeader) {
    return new ActionExecuted(
        newHeader,
        actionId,
        action,
        status,
        revisionBefore,
        revisionAfter,
        shaBefore,
        shaAfter,
        verification,
        reason);
  }
}
