package io.backstop.events.codec;

/**
 * A record could not be read as an event. {@code field} names where it went wrong (a JSON path such
 * as {@code header.incidentId}, or {@code type} for an unknown event type, or {@code $} for bytes
 * that are not JSON at all); {@code reason} says what was wrong.
 */
public final class EventDecodingException extends RuntimeException {

  private final String field;
  private final String reason;

  public EventDecodingException(String field, String reason, Throwable cause) {
    super("cannot decode event: field '" + field + "': " + reason, cause);
    this.field = field;
    this.reason = reason;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
