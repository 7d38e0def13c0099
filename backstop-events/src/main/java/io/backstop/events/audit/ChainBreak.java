package io.backstop.events.audit;

import io.backstop.events.id.EventId;

/** The first event of a timeline that breaks the hash chain, and why. */
public record ChainBreak(EventId eventId, String eventType, BreakReason reason, String detail) {

  @Override
  public String toString() {
    return eventType + " " + eventId + ": " + reason + " (" + detail + ")";
  }
}
