package io.backstop.triage.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import java.time.Instant;

/** One Kubernetes Event about an object: type, reason, message, how often, first and last seen. */
public record EventObservation(
    String objectKind,
    String objectName,
    String type,
    String reason,
    String message,
    int count,
    Instant firstSeen,
    Instant lastSeen) {

  public static EventObservation of(Event e) {
    Instant last =
        firstOf(e.getLastTimestamp(), eventTime(e), e.getMetadata().getCreationTimestamp());
    Instant first =
        firstOf(e.getFirstTimestamp(), eventTime(e), e.getMetadata().getCreationTimestamp());
    return new EventObservation(
        e.getInvolvedObject() == null ? "Unknown" : e.getInvolvedObject().getKind(),
        e.getInvolvedObject() == null ? "unknown" : e.getInvolvedObject().getName(),
        e.getType() == null ? "Normal" : e.getType(),
        e.getReason() == null ? "" : e.getReason(),
        e.getMessage() == null ? "" : e.getMessage(),
        e.getCount() == null ? 1 : e.getCount(),
        first == null ? last : first,
        last == null ? first : last);
  }

  public boolean warning() {
    return "Warning".equalsIgnoreCase(type);
  }

  public String subject() {
    return (objectKind == null ? "object" : objectKind.toLowerCase()) + "/" + objectName;
  }

  public String describe() {
    return type
        + " "
        + reason
        + ": "
        + message
        + " (x"
        + count
        + ", first "
        + firstSeen
        + ", last "
        + lastSeen
        + ")";
  }

  private static String eventTime(Event e) {
    return e.getEventTime() == null ? null : e.getEventTime().getTime();
  }

  private static Instant firstOf(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        try {
          return Instant.parse(v);
        } catch (RuntimeException ignored) {
          // MicroTime may carry a zone offset or micro-seconds; try the next field
        }
      }
    }
    return null;
  }
}
