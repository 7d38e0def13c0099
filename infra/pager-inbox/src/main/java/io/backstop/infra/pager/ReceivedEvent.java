package io.backstop.infra.pager;

import java.time.Instant;
import java.util.Map;

/**
 * One accepted Events v2 request, as the inbox keeps it: when it arrived, the dedup key it was
 * filed under and the request body exactly as sent.
 */
public record ReceivedEvent(Instant receivedAt, String dedupKey, Map<String, Object> body) {

  public ReceivedEvent {
    body = Map.copyOf(body);
  }

  public String eventAction() {
    return String.valueOf(body.get("event_action"));
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> payload() {
    Object payload = body.get("payload");
    return payload instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }
}
