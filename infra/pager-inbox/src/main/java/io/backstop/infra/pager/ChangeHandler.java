package io.backstop.infra.pager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v2/change/enqueue}: keeps one change event as PagerDuty's change events endpoint
 * takes it (a routing key and a payload with a summary of at most 1024 characters; 202, or 400 with
 * the errors). Change events never page, so they are kept apart from the pages.
 */
final class ChangeHandler implements HttpHandler {

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final JsonMapper json;
  private final Clock clock;
  private final List<ReceivedEvent> changes = new CopyOnWriteArrayList<>();

  ChangeHandler(JsonMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  List<ReceivedEvent> changes() {
    return List.copyOf(changes);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        Exchanges.json(exchange, json, 405, Map.of("status", "method not allowed"));
        return;
      }
      Map<String, Object> body;
      try {
        body = json.readValue(exchange.getRequestBody(), OBJECT);
      } catch (JacksonException e) {
        body = null;
      }
      List<String> errors = errors(body);
      if (!errors.isEmpty()) {
        Exchanges.json(
            exchange,
            json,
            400,
            Map.of(
                "status", "invalid event", "message", "Event object is invalid", "errors", errors));
        return;
      }
      changes.add(new ReceivedEvent(clock.instant(), UUID.randomUUID().toString(), body));
      Exchanges.json(
          exchange, json, 202, Map.of("status", "success", "message", "Change event processed"));
    }
  }

  private static List<String> errors(Map<String, Object> body) {
    List<String> errors = new ArrayList<>();
    if (body == null) {
      errors.add("The request body is not a JSON object.");
      return errors;
    }
    Object key = body.get("routing_key");
    if (!(key instanceof String s) || s.isBlank()) {
      errors.add("'routing_key' is missing or blank.");
    }
    Object payload = body.get("payload");
    if (!(payload instanceof Map<?, ?> p)) {
      errors.add("'payload' is missing or not an object.");
      return errors;
    }
    Object summary = p.get("summary");
    if (!(summary instanceof String s) || s.isBlank()) {
      errors.add("'payload.summary' is missing or blank.");
    } else if (s.length() > 1024) {
      errors.add("'payload.summary' is longer than 1024 characters.");
    }
    return errors;
  }
}
