package io.backstop.infra.pager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /v2/enqueue}: validates, keeps and acknowledges one Events v2 event. */
final class EnqueueHandler implements HttpHandler {

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final JsonMapper json;
  private final Inbox inbox;
  private final FailureInjection failures;
  private final Clock clock;

  EnqueueHandler(JsonMapper json, Inbox inbox, FailureInjection failures, Clock clock) {
    this.json = json;
    this.inbox = inbox;
    this.failures = failures;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        Exchanges.json(exchange, json, 405, Map.of("status", "method not allowed"));
        return;
      }
      java.time.Duration delay = failures.nextDelay();
      if (!delay.isZero()) {
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      FailureInjection.Failure failure = failures.next();
      if (failure != null) {
        fail(exchange, failure);
        return;
      }
      Map<String, Object> body;
      try {
        body = json.readValue(exchange.getRequestBody(), OBJECT);
      } catch (JacksonException e) {
        invalid(exchange, List.of("The request body is not a JSON object."));
        return;
      }
      accept(exchange, body == null ? Map.of() : body);
    }
  }

  private void accept(HttpExchange exchange, Map<String, Object> body) throws IOException {
    List<String> errors = EventValidator.errors(body);
    if (!errors.isEmpty()) {
      invalid(exchange, errors);
      return;
    }
    Object given = body.get("dedup_key");
    String dedupKey =
        given == null || given.toString().isBlank()
            ? UUID.randomUUID().toString()
            : given.toString();
    inbox.add(new ReceivedEvent(clock.instant(), dedupKey, body));
    Exchanges.json(
        exchange,
        json,
        202,
        Map.of("status", "success", "message", "Event processed", "dedup_key", dedupKey));
  }

  private void invalid(HttpExchange exchange, List<String> errors) throws IOException {
    Exchanges.json(
        exchange,
        json,
        400,
        Map.of("status", "invalid event", "message", "Event object is invalid", "errors", errors));
  }

  private void fail(HttpExchange exchange, FailureInjection.Failure failure) throws IOException {
    if (failure.retryAfterSeconds() != null) {
      exchange.getResponseHeaders().set("Retry-After", failure.retryAfterSeconds().toString());
    }
    Exchanges.json(
        exchange,
        json,
        failure.status(),
        Map.of("status", "error", "message", "failure injected by the pager inbox test hook"));
  }
}
