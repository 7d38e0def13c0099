package io.backstop.events.action;

/** How an approved action ended. Every approval the executor receives ends in one of these. */
public enum ExecutionStatus {
  /** Written, and the workload recovered within the verification window. */
  VERIFIED,
  /** Written, but the workload did not recover in time. */
  NOT_RECOVERED,
  /**
   * Written, made things worse, and the executor restored the pre-action state; the revert was
   * verified like any write and the workload is healthy again.
   */
  REVERTED,
  /**
   * Written, made things worse, reverted, and the workload did not recover after the revert either
   * (the pre-action state was unhealthy too, or the revert did not roll out): a human must act now.
   */
  REVERT_NOT_RECOVERED,
  /** Not written: the re-check or a precondition failed. */
  REFUSED,
  /** Not written, or written partially: the API said no or an error occurred. */
  FAILED,
  /** This actionId was already applied and its outcome recorded; nothing was written again. */
  ALREADY_APPLIED,
  /**
   * Not written: the executor runs in dry-run mode; the outcome carries the exact write it would
   * have made, for a human to apply or not.
   */
  DRY_RUN;

  /**
   * Whether a human needs to know of this outcome: the one rule for it. The executor escalates
   * exactly these outcomes, escalation pages them (and resolves the page on VERIFIED), and the
   * guardrail's outcome recorder escalates a spent budget only for the others.
   */
  public boolean needsHuman() {
    return this == NOT_RECOVERED
        || this == REVERTED
        || this == REVERT_NOT_RECOVERED
        || this == REFUSED
        || this == FAILED
        || this == DRY_RUN;
  }

  /** Whether the executor wrote to the cluster for this outcome and then observed the result. */
  public boolean written() {
    return this == VERIFIED
        || this == NOT_RECOVERED
        || this == REVERTED
        || this == REVERT_NOT_RECOVERED;
  }

  /** A write that did not end with the workload recovered: the breaker counts these. */
  public boolean failedRecovery() {
    return this == NOT_RECOVERED || this == REVERTED || this == REVERT_NOT_RECOVERED;
  }
}
