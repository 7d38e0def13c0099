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

  public EventId eventId() {
    return eventId;
  }
}
