package io.backstop.executor.check;

import io.backstop.events.ActionApproved;

/**
 * Re-runs the action gate on an approval's embedded diagnosis and signals, just before the write.
 * An approval that arrived on the topic without passing the guardrail (forged, replayed, edited) is
 * judged again here, and a protected or out-of-bounds target is stopped at the last moment.
 * Implementations fail closed: an error is a denial.
 */
public interface ActionRecheck {

  /**
   * @param priorWrites how many other actions of the approval's incident may already have written
   *     to the cluster, from the executor's own ledger (not from anything the approval says), so
   *     the gate's one-write-per-incident rule holds here too
   */
  Recheck recheck(ActionApproved approved, int priorWrites);
}
