package io.backstop.executor;

/** Where one action stands in the executor's ledger. */
public enum LedgerState {
  /** Recorded before the write: from here on the write may have happened. */
  IN_PROGRESS,
  /** The write happened. */
  APPLIED,
  /** The API server refused the write outright: nothing was written. */
  ABANDONED
}
