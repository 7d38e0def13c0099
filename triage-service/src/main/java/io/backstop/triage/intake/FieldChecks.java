package io.backstop.triage.intake;

import io.backstop.events.alert.AlertStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Field checks of an alert delivery; each failure names the field's JSON path. */
final class FieldChecks {

  /** Alertmanager's zero time, sent as endsAt of a firing alert. */
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private final IntakeLimits limits;

  FieldChecks(IntakeLimits limits) {
    this.limits = limits;
  }

  Map<String, String> labels(String at, Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      throw new InvalidAlertException(at, "must hold at least the label alertname");
    }
    map(at, labels);
    String alertname = labels.get("alertname");
    if (alertname == null || alertname.isBlank()) {
      throw new InvalidAlertException(at + ".alertname", "is required");
    }
    return labels;
  }

  void map(String at, Map<String, String> map) {
    if (map == null) {
      return;
    }
    if (map.size() > limits.maxLabels()) {
      throw new InvalidAlertException(
          at, "at most " + limits.maxLabels() + " entries, but was " + map.size());
    }
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getKey().isBlank() || e.getKey().length() > limits.maxNameLength()) {
        throw new InvalidAlertException(
            at + "." + abbreviate(printable(e.getKey())),
            "names must be 1 to " + limits.maxNameLength() + " characters long");
      }
      if (e.getKey().chars().anyMatch(Character::isISOControl)) {
        // No exposition format or Alertmanager lets a control character into a name; one that
        // arrives here was made by hand, and would travel into keys, logs and the model's prompt.
        throw new InvalidAlertException(
            at + "." + abbreviate(printable(e.getKey())), "names must hold no control character");
      }
      if (e.getValue() == null || e.getValue().length() > limits.maxValueLength()) {
        throw new InvalidAlertException(
            at + "." + e.getKey(),
            "values must be present and at most " + limits.maxValueLength() + " characters long");
      }
    }
  }

  String bounded(String at, String value) {
    if (value.length() > limits.maxValueLength()) {
      throw new InvalidAlertException(at, "at most " + limits.maxValueLength() + " characters");
    }
    return value;
  }

  static String required(String at, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidAlertException(at, "is required");
    }
    return value;
  }

  static AlertStatus status(String at, String value) {
    if ("firing".equalsIgnoreCase(value)) {
      return AlertStatus.FIRING;
    }
    if ("resolved".equalsIgnoreCase(value)) {
      return AlertStatus.RESOLVED;
    }
    throw new InvalidAlertException(at, "must be 'firing' or 'resolved', but was '" + value + "'");
  }

  static Instant time(String at, String value, Instant absent) {
    if (value == null || value.isBlank()) {
      if (absent != null) {
        return absent;
      }
      throw new InvalidAlertException(at, "is required (RFC 3339 time)");
    }
    try {
      return java.time.OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidAlertException(
          at, "must be an RFC 3339 time, but was '" + abbreviate(value) + "'");
    }
  }

  static Instant endsAt(String at, String value) {
    return value == null || value.isBlank() || value.startsWith(ZERO_TIME.substring(0, 10))
        ? null
        : time(at, value, null);
  }

  /** The text with each control character written as a Java-style unicode escape (backslash u). */
  static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.chars()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.append((char) c);
              }
            });
    return out.toString();
  }

  static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
