package io.backstop.infra.pager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a request against the Events API v2 rules that a receiver enforces: a routing key, a known
 * {@code event_action}, a dedup key for acknowledge and resolve, and for trigger a payload with
 * summary, source and a known severity. Returns the errors, empty when the event is valid.
 */
final class EventValidator {

  static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
  static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
  private static final int MAX_SUMMARY = 1024;

  private EventValidator() {}

  static List<String> errors(Map<String, Object> body) {
    List<String> errors = new ArrayList<>();
    if (isBlank(body.get("routing_key"))) {
      errors.add("'routing_key' is missing or blank.");
    }
    Object action = body.get("event_action");
    if (!ACTIONS.contains(String.valueOf(action))) {
      errors.add("'event_action' must be one of trigger, acknowledge, resolve, but was " + action);
      return errors;
    }
    if (!"trigger".equals(action)) {
      if (isBlank(body.get("dedup_key"))) {
        errors.add("'dedup_key' is required for " + action + ".");
      }
      return errors;
    }
    errors.addAll(payloadErrors(body.get("payload")));
    return errors;
  }

  private static List<String> payloadErrors(Object payload) {
    if (!(payload instanceof Map<?, ?> map)) {
      return List.of("'payload' is missing or not an object.");
    }
    List<String> errors = new ArrayList<>();
    Object summary = map.get("summary");
    if (isBlank(summary)) {
      errors.add("'payload.summary' is missing or blank.");
    } else if (summary.toString().length() > MAX_SUMMARY) {
      errors.add("'payload.summary' is longer than " + MAX_SUMMARY + " characters.");
    }
    if (isBlank(map.get("source"))) {
      errors.add("'payload.source' is missing or blank.");
    }
    Object severity = map.get("severity");
    if (!SEVERITIES.contains(String.valueOf(severity))) {
      errors.add(
          "'payload.severity' must be one of critical, error, warning, info, but was " + severity);
    }
    return errors;
  }

  private static boolean isBlank(Object value) {
    return value == null || value.toString().isBlank();
  }
}
