package io.backstop.executor;

import io.backstop.events.ActionApproved;
import io.backstop.events.IncidentEvent;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.executor.Outcomes.Snapshot;
import java.time.Clock;
import java.util.List;

/**
 * The doing, once every check passed: server-side dry run, ledger "in progress", the write, ledger
 * "applied", then verification and at most one self-revert. The ledger entry is durable before the
 * write starts, so a crash anywhere after it can never lead to a second write.
 */
final class WriteStep {

  private final Cluster cluster;
  private final Actuator actuator;
  private final ActionLedger ledger;
  private final WriteBreaker breaker;
  private final RolloutVerifier verifier;
  private final WritePlanner planner;
  private final Clock clock;

  WriteStep(
      Cluster cluster,
      Actuator actuator,
      ActionLedger ledger,
      WriteBreaker breaker,
      RolloutVerifier verifier,
      WritePlanner planner,
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
    try {
      actuator.dryRun(write);
      record(approved, LedgerState.IN_PROGRESS, null);
      Actuator.apply(actuator, write);
    } catch (WriteRejectedException e) {
      record(approved, LedgerState.ABANDONED, ExecutionStatus.FAILED);
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
    record(approved, LedgerState.APPLIED, null);
    breaker.observe(approved);
    return verify(approved, outcomes, before, write);
  }

  private List<IncidentEvent> verify(
      ActionApproved approved, Outcomes outcomes, LiveDeployment before, PlannedWrite write) {
    VerificationResult result =
        verifier.verify(before, approved.action().type() != ActionType.SCALE);
    Snapshot after = Snapshot.of(result.last());
    switch (result.state()) {
      case HEALTHY -> {
        record(approved, LedgerState.APPLIED, ExecutionStatus.VERIFIED);
        return outcomes.done(
            ExecutionStatus.VERIFIED,
            Snapshot.of(before),
            after,
            result.verification(),
            write.summary() + "; recovered");
      }
      case CRASH_LOOPING -> {
        return revert(approved, outcomes, before, result);
      }
      default -> {
        record(approved, LedgerState.APPLIED, ExecutionStatus.NOT_RECOVERED);
        return outcomes.escalate(
            ExecutionStatus.NOT_RECOVERED,
            EscalationReason.NOT_RECOVERED,
            Snapshot.of(before),
            after,
            result.verification(),
            write.summary() + "; the workload did not recover within the verification window",
            List.of(),
            "The action did not help: take over the incident and investigate further.");
      }
    }
  }

  private List<IncidentEvent> revert(
      ActionApproved approved,
      Outcomes outcomes,
      LiveDeployment before,
      VerificationResult result) {
    LiveDeployment now =
        cluster
            .deployment(before.ref())
            .orElseThrow(() -> new IllegalStateException(before.ref() + " disappeared"));
    RevisionTemplate preAction =
        approved.action().type() == io.backstop.events.diagnosis.ActionType.SCALE
            ? null
            : cluster
                .revision(before.ref(), before.revision())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "pre-action revision "
                                + before.revision()
                                + " of "
                                + before.ref()
                                + " is gone; cannot revert"));
    PlannedWrite back =
        planner.revert(
            approved.action(), approved.actionId(), approved.incidentId(), now, before, preAction);
    actuator.dryRun(back);
    Actuator.apply(actuator, back);
    record(approved, LedgerState.APPLIED, ExecutionStatus.REVERTED);
    LiveDeployment reverted = cluster.deployment(before.ref()).orElse(now);
    return outcomes.escalate(
        ExecutionStatus.REVERTED,
        EscalationReason.REVERTED,
        Snapshot.of(before),
        Snapshot.of(reverted),
        result.verification(),
        "the action made things worse (new pods crash-loop); reverted once: " + back.summary(),
        List.of(),
        "The automated action failed and was undone: take over the incident.");
  }

  private void record(ActionApproved approved, LedgerState state, ExecutionStatus outcome) {
    ledger.record(
        new LedgerEntry(
            approved.actionId(),
            approved.incidentId(),
            approved.action().target().namespace(),
            state,
            clock.instant(),
            outcome));
  }
}
