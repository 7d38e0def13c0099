package io.backstop.events.codec;

import io.backstop.events.id.EventId;

/** An event's stored hash does not match its content: it was edited after it was sealed. */
public final class EventIntegrityException extends RuntimeException {

  private final EventId eventId;

  public EventIntegrityException(EventId eventId, String expected, String actual) {
    super(
        "event "
            + eventId
            + " fails its hash: stored "
            + actual
            + ", content hashes to "
            + expected);
    this.eventId = eventId;
  }

  private EventIntegrityException(EventId eventId, String message) {
    super(message);
    this.eventId = eventId;
  }

  /** An event that must be sealed arrived without a hash. */
  public static EventIntegrityException unsealed(EventId eventId) {
    return new EventIntegrityException(
        eventId, "event " + eventId + " is not sealed (no hash): only outside alerts may be");
  }

  public EventId eventId() {
    return eventId;
  }
}
