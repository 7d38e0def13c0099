package io.backstop.infra.pager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /inbox}: what was received, and the last state per dedup key. {@code POST
 * /inbox/fail?count=N&status=S[&retryAfter=SECONDS]}: the failure hook, for out-of-process tests.
 */
final class InboxHandler implements HttpHandler {

  private final JsonMapper json;
  private final Inbox inbox;
  private final FailureInjection failures;

  InboxHandler(JsonMapper json, Inbox inbox, FailureInjection failures) {
    this.json = json;
    this.inbox = inbox;
    this.failures = failures;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if ("GET".equals(method) && "/inbox".equals(path)) {
        Exchanges.json(exchange, json, 200, listing());
      } else if ("POST".equals(method) && "/inbox/fail".equals(path)) {
        configureFailure(exchange);
      } else {
        Exchanges.json(exchange, json, 404, Map.of("status", "not found", "path", path));
      }
    }
  }

  private Map<String, Object> listing() {
    List<Map<String, Object>> events =
        inbox.events().stream()
            .map(
                e -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("receivedAt", e.receivedAt().toString());
                  row.put("dedup_key", e.dedupKey());
                  row.put("body", e.body());
                  return row;
                })
            .toList();
    return Map.of("events", events, "states", inbox.states());
  }

  private void configureFailure(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    try {
      int count = Integer.parseInt(query.getOrDefault("count", "1"));
      int status = Integer.parseInt(query.getOrDefault("status", "500"));
      String retryAfter = query.get("retryAfter");
      failures.failNext(count, status, retryAfter == null ? null : Integer.valueOf(retryAfter));
      Exchanges.json(exchange, json, 200, Map.of("count", count, "status", status));
    } catch (IllegalArgumentException e) {
      Exchanges.json(exchange, json, 400, Map.of("status", "invalid", "message", e.getMessage()));
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> result = new LinkedHashMap<>();
    if (raw == null) {
      return result;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        result.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return result;
  }
}
