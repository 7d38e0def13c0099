package io.backstop.executor;

import io.backstop.events.ActionApproved;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.signal.ErrorBasis;
import io.backstop.events.signal.Gathering;
import io.backstop.executor.Outcomes.Snapshot;
import io.backstop.executor.check.WriteBreaker;
import io.backstop.executor.ledger.ActionLedger;
import io.backstop.executor.ledger.LedgerEntry;
import io.backstop.executor.ledger.LedgerState;
import io.backstop.executor.live.LiveDeployment;
import io.backstop.executor.live.LiveState;
import io.backstop.executor.live.PreAction;
import io.backstop.executor.live.RevisionTemplate;
import io.backstop.executor.plan.Actuator;
import io.backstop.executor.plan.LivePlanner;
import io.backstop.executor.plan.PlannedWrite;
import io.backstop.executor.plan.WriteRejectedException;
import io.backstop.executor.verify.RolloutState;
import io.backstop.executor.verify.RolloutVerifier;
import io.backstop.executor.verify.VerificationResult;
import java.time.Clock;
import java.util.List;

/**
 * The doing, once every check passed, as a sequence of durable steps: the API server's admission
 * check (its dry run), ledger IN_PROGRESS, the write, ledger APPLIED, verification; if the write
 * made things worse, ledger REVERTING, the one revert, ledger REVERT_APPLIED, and the revert
 * verified like any write. The final ledger entry carries the outcome and is settled with it. Each
 * step can be entered again by a restarted executor ({@link Resumption}): every state a crash can
 * leave behind has exactly one way forward, and none of them writes twice.
 */
final class WriteStep {

  private final LiveState cluster;
  private final Actuator actuator;
  private final ActionLedger ledger;
  private final WriteBreaker breaker;
  private final RolloutVerifier verifier;
  private final LivePlanner planner;
  private final Clock clock;

  WriteStep(
      LiveState cluster,
      Actuator actuator,
      ActionLedger ledger,
      WriteBreaker breaker,
      RolloutVerifier verifier,
      LivePlanner planner,
      Clock clock) {
    this.cluster = cluster;
    this.actuator = actuator;
    this.ledger = ledger;
    this.breaker = breaker;
    this.verifier = verifier;
    this.planner = planner;
    this.clock = clock;
  }

  List<IncidentEvent> writeAndVerify(
      ActionApproved approved, Outcomes outcomes, LiveDeployment before, PlannedWrite write) {
    PreAction pre = PreAction.of(before);
    try {
      actuator.admissionCheck(write);
      record(approved, LedgerState.IN_PROGRESS, pre);
      Actuator.apply(actuator, write);
    } catch (WriteRejectedException e) {
      record(approved, LedgerState.ABANDONED, pre);
      return outcomes.escalate(
          ExecutionStatus.FAILED,
          EscalationReason.EXECUTION_FAILED,
          Snapshot.of(before),
          Snapshot.of(before),
          null,
          "the API server refused the write, nothing was written: " + e.getMessage(),
          List.of(),
          "Check the executor's credentials and the Deployment; act by hand if needed.");
    }
    return applied(approved, outcomes, pre, write.summary());
  }

  /** The write is known to have happened: record it, count it, then verify it. */
  List<IncidentEvent> applied(
      ActionApproved approved, Outcomes outcomes, PreAction pre, String summary) {
    record(approved, LedgerState.APPLIED, pre);
    breaker.observe(approved);
    return verify(approved, outcomes, pre, summary);
  }

  /** Verifies the write; reverts it once if its new pods crash-loop. */
  List<IncidentEvent> verify(
      ActionApproved approved, Outcomes outcomes, PreAction pre, String summary) {
    LiveDeployment before = pre.asLive(approved.action().target());
    VerificationResult result =
        verifier.verify(before, approved.action().type() != ActionType.SCALE, basis(approved));
    Snapshot after = Snapshot.of(result.last());
    return switch (result.state()) {
      case HEALTHY -> {
        settle(approved, LedgerState.APPLIED, pre, null, ExecutionStatus.VERIFIED);
        yield outcomes.done(
            ExecutionStatus.VERIFIED,
            Snapshot.of(pre),
            after,
            result.verification(),
            summary + "; recovered");
      }
      case CRASH_LOOPING -> revert(approved, outcomes, pre, result);
      case PROGRESSING -> {
        settle(approved, LedgerState.APPLIED, pre, null, ExecutionStatus.NOT_RECOVERED);
        yield outcomes.escalate(
            ExecutionStatus.NOT_RECOVERED,
            EscalationReason.NOT_RECOVERED,
            Snapshot.of(pre),
            after,
            result.verification(),
            summary + "; the workload did not recover within the verification window",
            List.of(),
            "The action did not help: take over the incident and investigate further.");
      }
    };
  }

  private List<IncidentEvent> revert(
      ActionApproved approved, Outcomes outcomes, PreAction pre, VerificationResult worse) {
    LiveDeployment now =
        cluster
            .deployment(approved.action().target())
            .orElseThrow(
                () -> new IllegalStateException(approved.action().target() + " disappeared"));
    PlannedWrite back = planRevert(approved, pre, now);
    PreAction from = PreAction.of(now);
    record(approved, LedgerState.REVERTING, pre, from);
    try {
      actuator.admissionCheck(back);
      Actuator.apply(actuator, back);
    } catch (WriteRejectedException e) {
      settle(approved, LedgerState.REVERTING, pre, from, ExecutionStatus.REVERT_NOT_RECOVERED);
      return outcomes.escalate(
          ExecutionStatus.REVERT_NOT_RECOVERED,
          EscalationReason.REVERT_NOT_RECOVERED,
          Snapshot.of(pre),
          Snapshot.of(now),
          worse.verification(),
          "the action made things worse (new pods crash-loop) and the API server refused the"
              + " revert: "
              + e.getMessage(),
          List.of(),
          "The automated action made things worse and could not be undone: take over now.");
    }
    return revertApplied(approved, outcomes, pre, from, back.summary());
  }

  /** The revert is known to have happened: record it, then verify it like any write. */
  List<IncidentEvent> revertApplied(
      ActionApproved approved, Outcomes outcomes, PreAction pre, PreAction from, String summary) {
    record(approved, LedgerState.REVERT_APPLIED, pre, from);
    VerificationResult result =
        verifier.verify(
            from.asLive(approved.action().target()),
            approved.action().type() != ActionType.SCALE,
            basis(approved));
    Snapshot after = Snapshot.of(result.last());
    if (result.state() == RolloutState.HEALTHY) {
      settle(approved, LedgerState.REVERT_APPLIED, pre, from, ExecutionStatus.REVERTED);
      return outcomes.escalate(
          ExecutionStatus.REVERTED,
          EscalationReason.REVERTED,
          Snapshot.of(pre),
          after,
          result.verification(),
          "the action made things worse (new pods crash-loop); reverted once ("
              + summary
              + ") and the workload recovered",
          List.of(),
          "The automated action failed and was undone: take over the incident.");
    }
    settle(approved, LedgerState.REVERT_APPLIED, pre, from, ExecutionStatus.REVERT_NOT_RECOVERED);
    return outcomes.escalate(
        ExecutionStatus.REVERT_NOT_RECOVERED,
        EscalationReason.REVERT_NOT_RECOVERED,
        Snapshot.of(pre),
        after,
        result.verification(),
        "the action made things worse (new pods crash-loop); reverted once ("
            + summary
            + "), and the workload did not recover after the revert either",
        List.of(),
        "The workload is down and automation has stopped: take over the incident now.");
  }

  /** The revert of this action, planned from the live Deployment and the pre-action state. */
  PlannedWrite planRevert(ActionApproved approved, PreAction pre, LiveDeployment now) {
    var target = approved.action().target();
    RevisionTemplate preAction =
        approved.action().type() == ActionType.SCALE
            ? null
            : cluster
                .revision(target, pre.revision())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "pre-action revision "
                                + pre.revision()
                                + " of "
                                + target
                                + " is gone; cannot revert"));
    return planner.revert(
        approved.action(),
        approved.actionId(),
        approved.incidentId(),
        now,
        pre.asLive(target),
        preAction);
  }

  private void record(ActionApproved approved, LedgerState state, PreAction pre) {
    record(approved, state, pre, null);
  }

  private void record(ActionApproved approved, LedgerState state, PreAction pre, PreAction from) {
    ledger.record(entry(approved, state, pre, from, null));
  }

  private void settle(
      ActionApproved approved,
      LedgerState state,
      PreAction pre,
      PreAction from,
      ExecutionStatus outcome) {
    ledger.settle(entry(approved, state, pre, from, outcome));
  }

  private LedgerEntry entry(
      ActionApproved approved,
      LedgerState state,
      PreAction pre,
      PreAction from,
      ExecutionStatus outcome) {
    return new LedgerEntry(
        approved.actionId(),
        approved.incidentId(),
        approved.action().target().namespace(),
        state,
        clock.instant(),
        outcome,
        pre,
        from);
  }

  /**
   * The error signal triage judged the incident by, when the write is to the workload it was
   * measured on; null (the fixed rule) for older events that recorded none, or for a write to
   * another workload (a dependency's rollback), whose own codes and baseline were not recorded.
   */
  static ErrorBasis basis(ActionApproved approved) {
    SignalsGathered signals = approved.diagnosis().signals();
    Gathering gathering = signals.gathering();
    if (gathering == null || !signals.target().equals(approved.action().target())) {
      return null;
    }
    return gathering.errors();
  }
}
