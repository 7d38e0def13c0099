package io.backstop.executor.ledger;

import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import io.backstop.executor.live.PreAction;
import java.time.Instant;

/**
 * One action in the ledger: its state, the namespace it wrote to (the global breaker counts per
 * namespace), when (the executor's own clock, never a sender's), the Deployment before the write
 * (what a resumed verification and revert need), the Deployment the revert moved away from (set
 * from REVERTING on), and the final outcome once it is recorded ({@code null} until then). An entry
 * with an outcome is written in the same Kafka transaction as the outcome event, so "the ledger
 * holds the outcome" means "the outcome was emitted".
 */
public record LedgerEntry(
    ActionId actionId,
    IncidentId incidentId,
    String namespace,
    LedgerState state,
    Instant at,
    ExecutionStatus outcome,
    PreAction before,
    PreAction revertFrom) {

  /** An entry of a ledger written before the pre-action state was kept. */
  public LedgerEntry(
      ActionId actionId,
      IncidentId incidentId,
      String namespace,
      LedgerState state,
      Instant at,
      ExecutionStatus outcome) {
    this(actionId, incidentId, namespace, state, at, outcome, null, null);
  }

  /** Whether the action is over: its outcome is recorded (and so was emitted). */
  public boolean finished() {
    return outcome != null;
  }

  /** Whether the cluster may have been written for this action (the breaker counts it). */
  public boolean mayHaveWritten() {
    return state != LedgerState.ABANDONED;
  }
}
