package io.backstop.executor;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.Verification;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.executor.live.LiveDeployment;
import io.backstop.executor.live.PreAction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the facts one approval ends in: always one {@link ActionExecuted}, and an {@link
 * Escalated} chained to it exactly when the outcome's status says a human needs to know ({@link
 * ExecutionStatus#needsHuman()}, the one rule the guardrail's outcome recorder and escalation's
 * pager also follow). A caller chooses what the human is told, never whether. A repeated delivery's
 * ALREADY_APPLIED is a distinct step (attempt 2), so it never overwrites the original outcome on
 * the audit log.
 */
final class Outcomes {

  private final ActionApproved approved;
  private final Clock clock;

  Outcomes(ActionApproved approved, Clock clock) {
    this.approved = approved;
    this.clock = clock;
  }

  /** A state before or after the write, as the outcome reports it. */
  record Snapshot(Long revision, String sha) {
    static final Snapshot UNKNOWN = new Snapshot(null, null);

    static Snapshot of(LiveDeployment live) {
      return live == null ? UNKNOWN : new Snapshot(live.revision(), live.sha());
    }

    static Snapshot of(PreAction pre) {
      return pre == null ? UNKNOWN : new Snapshot(pre.revision(), pre.sha());
    }
  }

  /** What a human is told when the outcome needs one: the reason code and what to do. */
  record Handover(EscalationReason why, String suggestedAction, List<PolicyVerdict> verdicts) {

    /** The handover an outcome's status implies when the caller names none. */
    static Handover of(ExecutionStatus status) {
      return switch (status) {
        case NOT_RECOVERED -> plain(EscalationReason.NOT_RECOVERED);
        case REVERTED -> plain(EscalationReason.REVERTED);
        case REVERT_NOT_RECOVERED -> plain(EscalationReason.REVERT_NOT_RECOVERED);
        case REFUSED -> plain(EscalationReason.EXECUTION_REFUSED);
        case DRY_RUN -> plain(EscalationReason.DRY_RUN);
        case FAILED, VERIFIED, ALREADY_APPLIED -> plain(EscalationReason.EXECUTION_FAILED);
      };
    }

    private static Handover plain(EscalationReason why) {
      return new Handover(why, "Review the outcome and take over the incident.", List.of());
    }
  }

  /** The outcome, escalated with the reason its status implies if a human needs to know. */
  List<IncidentEvent> done(
      ExecutionStatus status,
      Snapshot before,
      Snapshot after,
      Verification verification,
      String reason) {
    return end(status, before, after, verification, reason, Handover.of(status));
  }

  /** The outcome, escalated as stated if (and only if) a human needs to know of it. */
  List<IncidentEvent> escalate(
      ExecutionStatus status,
      EscalationReason why,
      Snapshot before,
      Snapshot after,
      Verification verification,
      String reason,
      List<PolicyVerdict> verdicts,
      String suggestedAction) {
    return end(
        status, before, after, verification, reason, new Handover(why, suggestedAction, verdicts));
  }

  private List<IncidentEvent> end(
      ExecutionStatus status,
      Snapshot before,
      Snapshot after,
      Verification verification,
      String reason,
      Handover handover) {
    int attempt = status == ExecutionStatus.ALREADY_APPLIED ? 2 : 1;
    ActionExecuted executed = executed(status, before, after, verification, reason, attempt);
    if (!status.needsHuman()) {
      return List.of(executed);
    }
    List<PolicyVerdict> all = new ArrayList<>(approved.verdicts());
    all.addAll(handover.verdicts());
    Escalated escalated =
        EventCodec.seal(
            new Escalated(
                EventHeader.reactingTo(
                    executed, Stage.EXECUTOR, Escalated.class, 1, clock.instant()),
                handover.why(),
                AlertSeverity.CRITICAL,
                approved.action().target(),
                status
                    + " "
                    + approved.action().type()
                    + " "
                    + approved.action().target()
                    + ": "
                    + reason,
                handover.suggestedAction(),
                all));
    return List.of(executed, escalated);
  }

  private ActionExecuted executed(
      ExecutionStatus status,
      Snapshot before,
      Snapshot after,
      Verification verification,
      String reason,
      int attempt) {
    EventHeader header =
        EventHeader.reactingTo(
            approved, Stage.EXECUTOR, ActionExecuted.class, attempt, clock.instant());
    return EventCodec.seal(
        new ActionExecuted(
            header,
            approved.actionId(),
            approved.action(),
            status,
            before.revision(),
            after.revision(),
            before.sha(),
            after.sha(),
            verification,
            reason));
  }
}
