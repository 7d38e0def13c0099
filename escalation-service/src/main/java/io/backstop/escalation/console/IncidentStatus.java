package io.backstop.escalation.console;

/** Where an incident stands, from its last telling fact on the audit log. */
public enum IncidentStatus {
  /** Being triaged, diagnosed or judged. */
  OPEN,
  /** A write waits for a person's approval. */
  AWAITING_APPROVAL,
  /** A write was approved and the executor is on it. */
  ACTING,
  /** The executor verified the fix. */
  RESOLVED,
  /** A human must take over (including a denied or lapsed approval). */
  ESCALATED
}
