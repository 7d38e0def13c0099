package io.backstop.events.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.backstop.events.Require;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One event. Ids are name-based UUIDs, derived rather than random, so a redelivered step produces
 * the same id and lands under the same audit key.
 */
public record EventId(@JsonValue UUID value) {

  public EventId {
    Require.present(value, "eventId");
  }

  @JsonCreator
  public static EventId of(String value) {
    return new EventId(UUID.fromString(value));
  }

  /**
   * The id of the event that a stage emits in reaction to {@code causation}: a name-based UUID of
   * causation, stage, step (the event type, since one stage may emit two facts for one cause) and
   * attempt.
   */
  public static EventId derive(EventId causation, String stage, String step, int attempt) {
    return named("event|" + causation.value() + "|" + stage + "|" + step + "|" + attempt);
  }

  /**
   * The id of an event that starts a chain from outside Backstop (an alert delivery), derived from
   * the external delivery key so a duplicate delivery gets the same id.
   */
  public static EventId external(String deliveryKey) {
    return named("external|" + Require.text(deliveryKey, "deliveryKey"));
  }

  private static EventId named(String name) {
    return new EventId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
