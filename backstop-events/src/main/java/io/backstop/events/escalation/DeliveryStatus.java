package io.backstop.events.escalation;

/** Whether a page or ticket operation reached its receiver. */
public enum DeliveryStatus {
  DELIVERED,
  /** Retries exhausted; the payload is on the dead-letter topic for a human or a replay. */
  DEAD_LETTERED
}
