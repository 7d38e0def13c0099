package io.backstop.events.signing;

import io.backstop.events.id.EventId;

/**
 * An event that must be signed is not, or its signature does not verify under any trusted key:
 * someone other than the service that authorizes it wrote it, or it was edited after signing.
 */
public final class EventSignatureException extends RuntimeException {

  private final EventId eventId;

  public EventSignatureException(EventId eventId, String reason) {
    super("event " + eventId + ": " + reason);
    this.eventId = eventId;
  }

  public EventId eventId() {
    return eventId;
  }
}
