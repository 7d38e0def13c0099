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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the facts one approval ends in: always one {@link ActionExecuted}, and an {@link
 * Escalated} chained to it whenever a human must act. A repeated delivery's ALREADY_APPLIED is a
 * distinct step (attempt 2), so it never overwrites the original outcome on the audit log.
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

  List<IncidentEvent> done(
      ExecutionStatus status,
      Snapshot before,
      Snapshot after,
      Verification verification,
      String reason) {
    int attempt = status == ExecutionStatus.ALREADY_APPLIED ? 2 : 1;
    return List.of(executed(status, before, after, verification, reason, attempt));
  }

  List<IncidentEvent> escalate(
      ExecutionStatus status,
      EscalationReason why,
      Snapshot before,
      Snapshot after,
      Verification verification,
      String reason,
      List<PolicyVerdict> verdicts,
      String suggestedAction) {
    ActionExecuted executed = executed(status, before, after, verification, reason, 1);
    List<PolicyVerdict> all = new ArrayList<>(approved.verdicts());
    all.addAll(verdicts);
    Escalated escalated =
        EventCodec.seal(
            new Escalated(
                EventHeader.reactingTo(
                    executed, Stage.EXECUTOR, Escalated.class, 1, clock.instant()),
                why,
                AlertSeverity.CRITICAL,
                approved.action().target(),
                status
                    + " "
                    + approved.action().type()
                    + " "
                    + approved.action().target()
                    + ": "
                    + reason,
                suggestedAction,
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
