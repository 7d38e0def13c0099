package io.backstop.escalation.paging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One PagerDuty change event ({@code POST /v2/change/enqueue}): a change made to a service, shown
 * on its change timeline beside the incidents, never paging anyone. Backstop sends one for every
 * write it makes (a rollback, a restart, a scale), with the incident it answers and how it ended.
 */
public record ChangeEvent(
    String routingKey,
    String summary,
    String source,
    Instant timestamp,
    Map<String, Object> customDetails,
    List<PagerEvent.Link> links) {

  public ChangeEvent {
    summary =
        summary.length() > PagerEvent.MAX_SUMMARY
            ? summary.substring(0, PagerEvent.MAX_SUMMARY - 1) + "…"
            : summary;
    customDetails = PagerEvent.withoutNulls(customDetails);
    links = links == null ? List.of() : List.copyOf(links);
  }

  /** The JSON object as sent. */
  public Map<String, Object> body() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("summary", summary);
    payload.put("source", source);
    payload.put("timestamp", timestamp.toString());
    payload.put("custom_details", customDetails);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("routing_key", routingKey);
    body.put("payload", payload);
    if (!links.isEmpty()) {
      body.put(
          "links", links.stream().map(l -> Map.of("href", l.href(), "text", l.text())).toList());
    }
    return body;
  }
}
