package io.backstop.escalation.console;

/**
 * Where one approval stands, as the audit log tells it. Only {@code APPROVED} ever led to a write;
 * {@code DENIED}, {@code EXPIRED} and {@code BLOCKED} leave the incident escalated, never resolved.
 */
public enum ApprovalStatus {
  /** Waiting for people: approve or deny before it lapses. */
  PENDING,
  /** The guardrail released the write, naming its approvers. */
  APPROVED,
  /** A person denied it; nothing was written. */
  DENIED,
  /** Nobody decided in time; nothing was written. */
  EXPIRED,
  /** Approved, but the guardrail's re-check (hard rules, breaker) refused it at the last moment. */
  BLOCKED;

  public boolean open() {
    return this == PENDING;
  }
}
