package io.backstop.events.approval;

/**
 * Why a person's request was refused, by the guardrail (a decision it will not count) or by the
 * console (who is asking, and may they). A refusal never changes what is pending.
 */
public enum RefusalReason {
  /** No approval with this action id was ever requested in this incident. */
  UNKNOWN_APPROVAL,
  /** The approval expired before this decision arrived. */
  EXPIRED,
  /** The approval was already approved, denied or closed; nothing is decided twice. */
  ALREADY_DECIDED,
  /** This person already approved it: one person never counts twice toward a quorum. */
  SAME_APPROVER,
  /** The person is not allowed to approve (not an approver, or named as a service). */
  NOT_ALLOWED,
  /** The decision is incomplete or contradicts the approval (no comment, another action). */
  MALFORMED,
  /** The console could not tell who asked (no session, a bad or expired bearer token). */
  UNAUTHENTICATED,
  /** The person's role does not allow the request (a viewer approving, an approver resetting). */
  FORBIDDEN,
  /** A form post came without the session's CSRF token: not sent by the console's own page. */
  CSRF,
  /** Something failed while handling the request; it failed closed. */
  INTERNAL_ERROR
}
