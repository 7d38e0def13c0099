package io.backstop.events.escalation;

/** Why a human must take over. */
public enum EscalationReason {
  /** The diagnosis failed the quality gate and the re-route budget is spent. */
  QUALITY_GATE_EXHAUSTED,
  /** The action gate denied or escalated the recommended action. */
  ACTION_BLOCKED,
  /** The proposal itself said a human should act (ESCALATE) or proposed no action (NONE). */
  HUMAN_ACTION_RECOMMENDED,
  /** The proposal came from a weaker tier and did not clear its stricter threshold. */
  TIER_AUTONOMY_LIMIT,
  /** The per-incident anomaly or loop budget is spent. */
  ANOMALY_BUDGET_EXHAUSTED,
  /** The global breaker for the namespace is open: automated writes are stopped. */
  BREAKER_OPEN,
  /** The model call or cost cap for the incident was reached with no usable diagnosis. */
  MODEL_BUDGET_EXHAUSTED,
  /** The executor refused the write: the re-check failed or the live state moved. */
  EXECUTION_REFUSED,
  /** The write failed. */
  EXECUTION_FAILED,
  /** The write happened but the workload did not recover. */
  NOT_RECOVERED,
  /** The write made things worse and was reverted. */
  REVERTED,
  /** The write made things worse, was reverted, and the workload did not recover either. */
  REVERT_NOT_RECOVERED,
  /** The executor runs in dry-run mode: the planned write was not made; a human decides. */
  DRY_RUN,
  /**
   * An approval on the actions topic did not carry a valid signature of the guardrail: someone
   * other than the guardrail tried to make the executor write. Nothing was written.
   */
  FORGED_APPROVAL,
  /** A person denied the approval the guardrail asked for; nothing was written. */
  APPROVAL_DENIED,
  /** No one approved in time: the approval lapsed; nothing was written. */
  APPROVAL_EXPIRED,
  /** Something in the safety path failed unexpectedly; it failed closed. */
  INTERNAL_ERROR
}
