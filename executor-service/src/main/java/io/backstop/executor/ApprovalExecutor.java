package io.backstop.executor;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.IncidentEvent;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.executor.Outcomes.Snapshot;
import io.backstop.executor.check.ActionRecheck;
import io.backstop.executor.check.ApprovalAuthenticity;
import io.backstop.executor.check.PreconditionCheck;
import io.backstop.executor.check.Recheck;
import io.backstop.executor.check.WriteBreaker;
import io.backstop.executor.ledger.ActionLedger;
import io.backstop.executor.ledger.LedgerEntry;
import io.backstop.executor.ledger.LedgerState;
import io.backstop.executor.live.LiveDeployment;
import io.backstop.executor.live.LiveState;
import io.backstop.executor.live.RevisionTemplate;
import io.backstop.executor.plan.Actuator;
import io.backstop.executor.plan.LivePlanner;
import io.backstop.executor.plan.PlannedWrite;
import io.backstop.executor.verify.RolloutVerifier;
import io.backstop.stream.Inbound;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Takes one approval to exactly one outcome. In order: the approval is intact; its action is not
 * finished already (the ledger holds its outcome: ALREADY_APPLIED) or interrupted (the ledger holds
 * it without an outcome: {@link Resumption} finishes it); the action gate, re-run here with the
 * incident's prior writes from the ledger, allows it; the namespace's breaker is closed; the live
 * Deployment is still what the decision saw. Only then the patch is planned as a value, dry-run on
 * the server, recorded as in progress, written, and verified ({@link WriteStep}). Any exception on
 * the way fails closed: no write, or no second write.
 */
public final class ApprovalExecutor {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ApprovalExecutor.class);

  private final ExecutorProperties properties;
  private final LiveState cluster;
  private final ActionLedger ledger;
  private final ActionRecheck recheck;
  private final ApprovalAuthenticity authenticity;
  private final WriteBreaker breaker;
  private final WriteStep writeStep;
  private final Resumption resumption;
  private final LivePlanner planner;
  private final Clock clock;

  public ApprovalExecutor(
      ExecutorProperties properties,
      ApprovalAuthenticity authenticity,
      LiveState cluster,
      Actuator actuator,
      ActionLedger ledger,
      ActionRecheck recheck,
      WriteBreaker breaker,
      RolloutVerifier verifier,
      Clock clock) {
    this.properties = properties;
    this.authenticity = authenticity;
    this.cluster = cluster;
    this.ledger = ledger;
    this.recheck = recheck;
    this.breaker = breaker;
    this.planner = new LivePlanner(clock);
    this.writeStep = new WriteStep(cluster, actuator, ledger, breaker, verifier, planner, clock);
    this.resumption = new Resumption(this, writeStep);
    this.clock = clock;
  }

  /** {@link #execute(Inbound.Received)} of an approval built in this process. */
  public List<IncidentEvent> execute(ActionApproved approved) {
    return execute(Inbound.check(approved, EventCodec.encode(approved), Inbound.Seal.REQUIRED));
  }

  /**
   * The outcome of one approval as received (read by {@link Inbound}: its bytes, and its seal
   * checked over them): an ActionExecuted, and an Escalated where a human must act.
   */
  public List<IncidentEvent> execute(Inbound.Received<ActionApproved> received) {
    ActionApproved approved = received.event();
    Outcomes outcomes = new Outcomes(approved, clock);
    List<IncidentEvent> out;
    boolean authentic = false;
    try {
      Optional<String> forged = authenticity.forged(received);
      authentic = forged.isEmpty();
      out =
          forged.isPresent()
              ? forgedApproval(approved, outcomes, forged.get())
              : settledIfUnwritten(approved, checkThenWrite(approved, outcomes));
    } catch (RuntimeException e) {
      out = failClosed(approved, outcomes, e, authentic);
    }
    observe(out);
    return out;
  }

  /** Feeds the outcome to the breaker; a breaker that cannot take it must not lose the outcome. */
  private void observe(List<IncidentEvent> out) {
    try {
      out.forEach(breaker::observe);
    } catch (RuntimeException e) {
      LOG.error("the write breaker could not record {}; it will refuse writes", out, e);
    }
  }

  /**
   * Someone other than the guardrail wrote this approval, or changed it: nothing is read or
   * written, and a human is told at once that the actions topic carries a forgery.
   */
  private List<IncidentEvent> forgedApproval(
      ActionApproved approved, Outcomes outcomes, String why) {
    LOG.error(
        "FORGED_APPROVAL {} for {} refused: {}",
        approved.actionId(),
        approved.action().target(),
        why);
    return outcomes.escalate(
        ExecutionStatus.REFUSED,
        EscalationReason.FORGED_APPROVAL,
        Snapshot.UNKNOWN,
        Snapshot.UNKNOWN,
        null,
        "FORGED_APPROVAL: the approval is " + why + "; nothing was read or written",
        List.of(),
        "Someone who can write to the actions topic is not the guardrail: find who wrote this"
            + " record (the audit log, the broker's logs) and revoke that access.");
  }

  private List<IncidentEvent> checkThenWrite(ActionApproved approved, Outcomes outcomes) {
    Optional<LedgerEntry> recorded = ledger.find(approved.actionId());
    if (recorded.isPresent() && recorded.get().finished()) {
      return alreadyApplied(approved, outcomes, recorded.get());
    }
    Optional<LedgerEntry> entry = recorded.filter(LedgerEntry::mayHaveWritten);
    Optional<LiveDeployment> live = cluster.deployment(approved.action().target());
    if (entry.isPresent()) {
      return resumption.resume(approved, outcomes, entry.get(), live);
    }
    if (live.flatMap(LiveDeployment::lastActionId)
        .filter(approved.actionId().toString()::equals)
        .isPresent()) {
      return unrecorded(approved, outcomes, live.get());
    }
    return checkThenWrite(approved, outcomes, live);
  }

  /**
   * The checks and the write for an action that has not written yet: new, or resumed after a
   * restart that provably came before its write.
   */
  List<IncidentEvent> checkThenWrite(
      ActionApproved approved, Outcomes outcomes, Optional<LiveDeployment> live) {
    ApprovedAction action = approved.action();
    int priorWrites = ledger.writesFor(approved.incidentId(), approved.actionId());
    Recheck verdict = recheck.recheck(approved, priorWrites);
    if (!verdict.allowed()) {
      return outcomes.escalate(
          ExecutionStatus.REFUSED,
          EscalationReason.EXECUTION_REFUSED,
          Snapshot.of(live.orElse(null)),
          Snapshot.UNKNOWN,
          null,
          "the executor's re-check of the action gate did not allow it: " + verdict.reason(),
          verdict.verdicts(),
          "Review the approval and the policy verdicts; act by hand only if the action is right.");
    }
    Optional<String> open = breaker.openReason(action.target().namespace());
    if (open.isPresent()) {
      return outcomes.escalate(
          ExecutionStatus.REFUSED,
          EscalationReason.BREAKER_OPEN,
          Snapshot.of(live.orElse(null)),
          Snapshot.UNKNOWN,
          null,
          "the write breaker for namespace "
              + action.target().namespace()
              + " is open: "
              + open.get(),
          List.of(),
          "Investigate the recent automated writes, then reset the breaker with a BreakerReset.");
    }
    if (live.isEmpty()) {
      return refuse(outcomes, null, action.target() + " does not exist");
    }
    return checkLiveState(approved, outcomes, live.get());
  }

  private List<IncidentEvent> checkLiveState(
      ActionApproved approved, Outcomes outcomes, LiveDeployment before) {
    ApprovedAction action = approved.action();
    Optional<RevisionTemplate> rollbackTo =
        action.type() == ActionType.ROLLBACK
            ? cluster.revision(action.target(), action.toRevision())
            : Optional.empty();
    List<String> problems =
        PreconditionCheck.problems(
            action, approved.preconditions(), before, rollbackTo, properties.allowedNamespaces());
    if (!problems.isEmpty()) {
      return refuse(outcomes, before, "the live state is not what was approved: " + problems);
    }
    PlannedWrite write = plan(approved, before, rollbackTo);
    if (properties.dryRun()) {
      return outcomes.escalate(
          ExecutionStatus.DRY_RUN,
          EscalationReason.DRY_RUN,
          Snapshot.of(before),
          Snapshot.of(before),
          null,
          "dry-run mode, nothing written; planned: "
              + write.summary()
              + " with patch "
              + write.deploymentPatchJson(),
          List.of(),
          "The executor runs in dry-run mode: apply the planned write by hand if it is right.");
    }
    return writeStep.writeAndVerify(approved, outcomes, before, write);
  }

  private PlannedWrite plan(
      ActionApproved approved, LiveDeployment before, Optional<RevisionTemplate> rollbackTo) {
    var incident = approved.incidentId();
    return switch (approved.action().type()) {
      case ROLLBACK -> planner.rollback(approved.actionId(), incident, before, rollbackTo.get());
      case RESTART -> planner.restart(approved.actionId(), incident, before);
      case SCALE ->
          planner.scale(approved.actionId(), incident, before, approved.action().replicas());
      default -> throw new IllegalArgumentException("not a write: " + approved.action().type());
    };
  }

  /**
   * A redelivery of an approval whose outcome is recorded (and so was emitted): reported, never
   * decided again. That holds for an approval that ended without a write too (refused, or failed
   * before its write): a human was told nothing was written, and a later redelivery must not write
   * behind that human's back.
   */
  private List<IncidentEvent> alreadyApplied(
      ActionApproved approved, Outcomes outcomes, LedgerEntry entry) {
    Snapshot before = Snapshot.of(entry.before());
    return outcomes.done(
        ExecutionStatus.ALREADY_APPLIED,
        before,
        Snapshot.UNKNOWN,
        null,
        "action "
            + approved.actionId()
            + (entry.mayHaveWritten()
                ? " was already applied and its outcome ("
                : " was already decided without a write and its outcome (")
            + entry.outcome()
            + ") recorded; nothing written again");
  }

  /**
   * The outcomes that end an approval for good without any write to the cluster. Not a dry run: it
   * only rehearses, leaves no trace in the ledger, and is planned again when redelivered.
   */
  private static final java.util.Set<ExecutionStatus> UNWRITTEN =
      java.util.EnumSet.of(ExecutionStatus.REFUSED, ExecutionStatus.FAILED);

  /**
   * Settles an authentic approval that ended without a write (refused, or failed before its write)
   * in the ledger with its outcome, in the transaction that carries the outcome, so that a
   * redelivery reports it instead of deciding again. Never for a forged approval: its action id is
   * the forger's choice.
   */
  private List<IncidentEvent> settledIfUnwritten(ActionApproved approved, List<IncidentEvent> out) {
    Optional<ExecutionStatus> status =
        out.stream()
            .filter(ActionExecuted.class::isInstance)
            .map(e -> ((ActionExecuted) e).status())
            .findFirst()
            .filter(UNWRITTEN::contains);
    if (status.isPresent()) {
      settleUnwritten(approved, status.get());
    }
    return out;
  }

  private void settleUnwritten(ActionApproved approved, ExecutionStatus status) {
    Optional<LedgerEntry> entry = ledger.find(approved.actionId());
    boolean unwritten =
        entry.isEmpty() || (!entry.get().mayHaveWritten() && !entry.get().finished());
    if (unwritten) {
      ledger.settle(
          new LedgerEntry(
              approved.actionId(),
              approved.incidentId(),
              approved.action().target().namespace(),
              LedgerState.ABANDONED,
              clock.instant(),
              status,
              entry.map(LedgerEntry::before).orElse(null),
              null));
    }
  }

  /**
   * The Deployment carries this action's mark but the ledger has no record of it: the ledger lost
   * an entry, or someone else wrote the mark. Neither is a state to act in.
   */
  private static List<IncidentEvent> unrecorded(
      ActionApproved approved, Outcomes outcomes, LiveDeployment live) {
    return outcomes.escalate(
        ExecutionStatus.FAILED,
        EscalationReason.INTERNAL_ERROR,
        Snapshot.of(live),
        Snapshot.of(live),
        null,
        approved.action().target()
            + " carries the mark of action "
            + approved.actionId()
            + " but the executor's ledger has no record of it; not touching it",
        List.of(),
        "Check the Deployment's rollout history and the executor ledger topic; act by hand.");
  }

  private static List<IncidentEvent> refuse(
      Outcomes outcomes, LiveDeployment before, String reason) {
    return outcomes.escalate(
        ExecutionStatus.REFUSED,
        EscalationReason.EXECUTION_REFUSED,
        Snapshot.of(before),
        Snapshot.of(before),
        null,
        reason,
        List.of(),
        "The world moved since the decision: re-triage the incident before acting.");
  }

  /**
   * An exception anywhere: FAILED and escalated. If the action was recorded as started, its entry
   * is settled with that outcome, so a later redelivery reports it instead of resuming it and
   * emitting a second, different outcome under the same event id.
   */
  private List<IncidentEvent> failClosed(
      ActionApproved approved, Outcomes outcomes, RuntimeException e, boolean authentic) {
    LOG.error("action {} failed closed", approved.actionId(), e);
    try {
      Optional<LedgerEntry> recorded = ledger.find(approved.actionId());
      if (authentic
          && (recorded.isEmpty()
              || (!recorded.get().mayHaveWritten() && !recorded.get().finished()))) {
        settleUnwritten(approved, ExecutionStatus.FAILED);
      }
      recorded
          .filter(entry -> !entry.finished() && entry.mayHaveWritten())
          .ifPresent(
              entry ->
                  ledger.settle(
                      new LedgerEntry(
                          entry.actionId(),
                          entry.incidentId(),
                          entry.namespace(),
                          entry.state(),
                          clock.instant(),
                          ExecutionStatus.FAILED,
                          entry.before(),
                          entry.revertFrom())));
    } catch (RuntimeException ledgerDown) {
      LOG.error("could not settle action {} as FAILED", approved.actionId(), ledgerDown);
    }
    return outcomes.escalate(
        ExecutionStatus.FAILED,
        EscalationReason.INTERNAL_ERROR,
        Snapshot.UNKNOWN,
        Snapshot.UNKNOWN,
        null,
        "the executor failed before completing action "
            + approved.actionId()
            + " ("
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + "); failed closed",
        List.of(),
        "Check the Deployment's live state and the executor's logs; act by hand if needed.");
  }
}
