package io.backstop.events.action;

/** How an approved action ended. Every approval the executor receives ends in one of these. */
public enum ExecutionStatus {
  /** Written, and the workload recovered within the verification window. */
  VERIFIED,
  /** Written, but the workload did not recover in time. */
  NOT_RECOVERED,
  /** Written, made things worse, and the executor restored the pre-action revision. */
  REVERTED,
  /** Not written: the re-check or a precondition failed. */
  REFUSED,
  /** Not written, or written partially: the API said no or an error occurred. */
  FAILED,
  /** This actionId was already applied; nothing was written again. */
  ALREADY_APPLIED;

  public boolean needsHuman() {
    return this == NOT_RECOVERED || this == REVERTED || this == REFUSED || this == FAILED;
  }
}
