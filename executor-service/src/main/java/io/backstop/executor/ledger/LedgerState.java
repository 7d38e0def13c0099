package io.backstop.executor.ledger;

/**
 * Where one action stands in the executor's ledger. Every state but the last two is recorded
 * durably BEFORE the step it names is taken or right after it, so a process that dies anywhere
 * leaves a state a restart can resume from without writing twice.
 */
public enum LedgerState {
  /** Recorded before the write: from here on the write may have happened. */
  IN_PROGRESS,
  /** The write happened; verification is under way until the entry carries an outcome. */
  APPLIED,
  /** The write made things worse; recorded before the one revert write, which may have happened. */
  REVERTING,
  /** The revert was written; its verification is under way. */
  REVERT_APPLIED,
  /** The API server refused the write outright: nothing was written. */
  ABANDONED
}
