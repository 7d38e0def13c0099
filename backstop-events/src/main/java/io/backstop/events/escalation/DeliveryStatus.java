package io.backstop.events.escalation;

/** Whether a page or ticket operation reached its receiver. */
public enum DeliveryStatus {
  DELIVERED,
  /**
   * The receiver refused it (it answered that the request itself is wrong, e.g. a 4xx other than
   * 429), so sending it again cannot succeed; the payload is on the dead-letter topic for a human
   * or a replay. Never used for a receiver that was only slow or down.
   */
  DEAD_LETTERED,
  /**
   * Not delivered yet: the receiver could not be reached, was slow or busy (or an earlier page of
   * the incident is still pending). It is retried in the background with a bounded back-off until
   * the receiver takes it or refuses it; a later record of the same delivery says how it ended.
   */
  PENDING
}
