package io.backstop.escalation.paging;

import io.backstop.events.alert.AlertSeverity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Events v2 request: routing key, action, dedup key (the incident id, so one incident is one
 * page), and for a trigger the payload and links. {@link #body()} is the JSON object as sent.
 */
public record PagerEvent(
    String routingKey, PagerAction action, String dedupKey, Payload payload, List<Link> links) {

  /** Events v2 caps the summary at 1024 characters. */
  public static final int MAX_SUMMARY = 1024;

  public PagerEvent {
    links = links == null ? List.of() : List.copyOf(links);
  }

  /** The trigger payload. {@code severity} is one of critical, error, warning, info. */
  public record Payload(
      String summary,
      String source,
      String severity,
      Instant timestamp,
      String component,
      String group,
      String eventClass,
      Map<String, Object> customDetails) {

    public Payload {
      summary =
          summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY - 1) + "…" : summary;
      customDetails = withoutNulls(customDetails);
    }
  }

  /**
   * The details in their given order, without entries that have no value: a detail the event does
   * not carry (no revision before a refusal that never read the Deployment) is left out, never a
   * reason to lose the page.
   */
  static Map<String, Object> withoutNulls(Map<String, Object> details) {
    if (details == null) {
      return Map.of();
    }
    Map<String, Object> kept = new LinkedHashMap<>();
    details.forEach(
        (k, v) -> {
          if (k != null && v != null) {
            kept.put(k, v);
          }
        });
    return java.util.Collections.unmodifiableMap(kept);
  }

  /** A link shown on the page. */
  public record Link(String href, String text) {}

  /** The same event with one more entry in {@code custom_details} (a trigger only). */
  public PagerEvent withDetail(String key, Object value) {
    if (payload == null) {
      return this;
    }
    Map<String, Object> details = new LinkedHashMap<>(payload.customDetails());
    details.put(key, value);
    Payload more =
        new Payload(
            payload.summary(),
            payload.source(),
            payload.severity(),
            payload.timestamp(),
            payload.component(),
            payload.group(),
            payload.eventClass(),
            details);
    return new PagerEvent(routingKey, action, dedupKey, more, links);
  }

  /** Events v2 severity of an alert severity. */
  public static String severity(AlertSeverity severity) {
    return severity == null ? "critical" : severity.name().toLowerCase(Locale.ROOT);
  }

  /** The JSON object the receiver gets, with Events v2 field names. */
  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("routing_key", routingKey);
    body.put("event_action", action.wire());
    body.put("dedup_key", dedupKey);
    if (payload != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("summary", payload.summary());
      p.put("source", payload.source());
      p.put("severity", payload.severity());
      p.put("timestamp", payload.timestamp().toString());
      putIfPresent(p, "component", payload.component());
      putIfPresent(p, "group", payload.group());
      putIfPresent(p, "class", payload.eventClass());
      p.put("custom_details", payload.customDetails());
      body.put("payload", p);
    }
    if (!links.isEmpty()) {
      body.put(
          "links", links.stream().map(l -> Map.of("href", l.href(), "text", l.text())).toList());
    }
    body.put("client", "Backstop");
    return body;
  }

  private static void putIfPresent(Map<String, Object> map, String key, String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value);
    }
  }
}
