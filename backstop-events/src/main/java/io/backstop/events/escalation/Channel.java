package io.backstop.events.escalation;

/** Where a human was told. */
public enum Channel {
  PAGE,
  TICKET
}
