package io.backstop.events.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.backstop.events.Require;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One approved write. Deterministic from the incident and the approving decision, so the executor
 * can recognise a redelivered approval and never act twice.
 */
public record ActionId(@JsonValue UUID value) {

  public ActionId {
    Require.present(value, "actionId");
  }

  @JsonCreator
  public static ActionId of(String value) {
    return new ActionId(UUID.fromString(value));
  }

  public static ActionId derive(IncidentId incident, EventId approvedFrom) {
    String name = "action|" + incident.value() + "|" + approvedFrom.value();
    return new ActionId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
