package io.backstop.events.audit;

/** How an event breaks the hash chain of its incident. */
public enum BreakReason {
  /** The event carries no hash: it was never sealed, so nothing vouches for its content. */
  UNSEALED,
  /** The stored hash does not match the content: the event was edited after it was sealed. */
  CONTENT_EDITED,
  /**
   * The event's {@code parentHash} matches no stored version of its cause: the cause was edited and
   * re-sealed, or the version this event reacted to is no longer in the log.
   */
  PARENT_HASH_MISMATCH,
  /** The event names a parent hash, but its cause is not in the incident's log at all. */
  CAUSE_MISSING
}
