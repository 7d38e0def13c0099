package io.backstop.executor;

import io.backstop.events.ActionApproved;
import io.backstop.events.IncidentEvent;
import io.backstop.events.MetadataKeys;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.executor.ledger.LedgerEntry;
import io.backstop.executor.live.LiveDeployment;
import io.backstop.executor.live.PreAction;
import java.util.List;
import java.util.Optional;

/**
 * Finishes an action that a previous executor process started and did not finish (its ledger entry
 * has no outcome): the approval is redelivered because its outcome was never committed. Each state
 * the ledger can hold has one way forward, and the live Deployment tells whether an interrupted
 * write reached the API server (its action or revert mark; for a SCALE, whose mark follows the
 * replica change, the replica count):
 *
 * <table>
 *   <caption>resume by ledger state</caption>
 *   <tr><th>state</th><th>write seen</th><th>way forward</th></tr>
 *   <tr><td>IN_PROGRESS</td><td>no</td><td>nothing was written: every check again, then write</td></tr>
 *   <tr><td>IN_PROGRESS</td><td>yes</td><td>record APPLIED, verify (revert if worse)</td></tr>
 *   <tr><td>APPLIED</td><td>-</td><td>verify (revert if worse)</td></tr>
 *   <tr><td>REVERTING</td><td>revert seen</td><td>verify the revert</td></tr>
 *   <tr><td>REVERTING</td><td>no revert</td><td>verify again (revert if still worse)</td></tr>
 *   <tr><td>REVERT_APPLIED</td><td>-</td><td>verify the revert</td></tr>
 * </table>
 *
 * Every path ends in the outcome the uninterrupted run would have emitted, with the same event ids,
 * and an escalation wherever a human must act. Nothing is ever written twice: the write only when
 * the Deployment shows it never happened, the revert only when the ledger shows none was made.
 */
final class Resumption {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Resumption.class);

  private final ApprovalExecutor executor;
  private final WriteStep writeStep;

  Resumption(ApprovalExecutor executor, WriteStep writeStep) {
    this.executor = executor;
    this.writeStep = writeStep;
  }

  List<IncidentEvent> resume(
      ActionApproved approved,
      Outcomes outcomes,
      LedgerEntry entry,
      Optional<LiveDeployment> live) {
    LOG.warn(
        "resuming action {} of incident {} from ledger state {} (an earlier attempt was"
            + " interrupted)",
        approved.actionId(),
        approved.incidentId(),
        entry.state());
    PreAction pre = entry.before();
    if (pre == null) {
      throw new IllegalStateException(
          "the ledger entry of action "
              + approved.actionId()
              + " keeps no pre-action state (written by an older executor); cannot resume safely");
    }
    if (live.isEmpty()) {
      throw new IllegalStateException(
          approved.action().target() + " disappeared while action " + approved.actionId() + " ran");
    }
    String summary = "resumed after an interrupted attempt: " + describe(approved, pre);
    return switch (entry.state()) {
      case IN_PROGRESS ->
          written(approved, pre, live.get())
              ? writeStep.applied(approved, outcomes, pre, summary)
              : executor.checkThenWrite(approved, outcomes, live);
      case APPLIED -> writeStep.verify(approved, outcomes, pre, summary);
      case REVERTING ->
          reverted(approved, pre, live.get()) && entry.revertFrom() != null
              ? writeStep.revertApplied(approved, outcomes, pre, entry.revertFrom(), summary)
              : writeStep.verify(approved, outcomes, pre, summary);
      case REVERT_APPLIED ->
          writeStep.revertApplied(approved, outcomes, pre, revertFrom(entry, live.get()), summary);
      case ABANDONED ->
          throw new IllegalStateException("an abandoned action is not resumed: " + entry);
    };
  }

  /** Whether the interrupted write reached the API server. */
  static boolean written(ActionApproved approved, PreAction pre, LiveDeployment live) {
    boolean marked = live.lastActionId().filter(approved.actionId().toString()::equals).isPresent();
    if (marked) {
      return true;
    }
    Integer replicas = approved.action().replicas();
    return approved.action().type() == ActionType.SCALE
        && replicas != null
        && replicas != pre.replicas()
        && live.desiredReplicas() == replicas;
  }

  /** Whether the interrupted revert reached the API server. */
  static boolean reverted(ActionApproved approved, PreAction pre, LiveDeployment live) {
    String revertOf = live.annotations().get(MetadataKeys.REVERT_OF);
    if (approved.actionId().toString().equals(revertOf)) {
      return true;
    }
    Integer replicas = approved.action().replicas();
    return approved.action().type() == ActionType.SCALE
        && replicas != null
        && replicas != pre.replicas()
        && live.desiredReplicas() == pre.replicas();
  }

  private static PreAction revertFrom(LedgerEntry entry, LiveDeployment live) {
    return entry.revertFrom() != null ? entry.revertFrom() : PreAction.of(live);
  }

  private static String describe(ActionApproved approved, PreAction pre) {
    var action = approved.action();
    return switch (action.type()) {
      case ROLLBACK ->
          "roll back "
              + action.target()
              + " from revision "
              + pre.revision()
              + " to revision "
              + action.toRevision();
      case RESTART -> "rolling restart of " + action.target() + " at revision " + pre.revision();
      case SCALE ->
          "scale " + action.target() + " from " + pre.replicas() + " to " + action.replicas();
      default -> action.type() + " " + action.target();
    };
  }
}
