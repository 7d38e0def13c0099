package io.backstop.modelsim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.backstop.modelsim.CallJournal;
import io.backstop.modelsim.Script;
import io.backstop.modelsim.answer.Replies;
import io.backstop.scenario.ScenarioException;
import io.backstop.scenario.ScenarioLoader;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.ObjectMapper;

/**
 * The simulator's own endpoints, for tests and the demo: {@code GET /simulator/calls} (the
 * journal), {@code DELETE /simulator/calls} (clear it), {@code GET /simulator/scenario} (what is
 * playing) and {@code POST /simulator/scenario} (play another scenario: a YAML body, or {@code
 * ?shipped=memory-leak.yaml}).
 */
public final class ControlHandler implements HttpHandler {

  private final Script script;
  private final CallJournal journal;
  private final Replies replies;
  private final ObjectMapper json;

  public ControlHandler(Script script, CallJournal journal, ObjectMapper json) {
    this.script = script;
    this.journal = journal;
    this.replies = new Replies(json);
    this.json = json;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String route = exchange.getRequestMethod() + " " + path;
    switch (route) {
      case "GET /simulator/calls" ->
          Exchanges.sendJson(exchange, 200, json.writeValueAsString(journal.calls()));
      case "DELETE /simulator/calls" -> {
        journal.clear();
        Exchanges.sendJson(exchange, 204, "");
      }
      case "GET /simulator/scenario" -> Exchanges.sendJson(exchange, 200, playing());
      case "POST /simulator/scenario" -> swap(exchange);
      default ->
          Exchanges.send(
              exchange,
              replies.error(404, "no simulator endpoint " + route, "invalid_request_error", null));
    }
  }

  private void swap(HttpExchange exchange) throws IOException {
    String shipped = queryParameter(exchange, "shipped");
    try {
      var scenario =
          shipped != null
              ? ScenarioLoader.loadResource(shipped)
              : ScenarioLoader.parse(
                  "request body", new String(Exchanges.body(exchange), StandardCharsets.UTF_8));
      script.use(scenario);
      Exchanges.sendJson(exchange, 200, playing());
    } catch (ScenarioException e) {
      Exchanges.send(exchange, replies.error(400, e.getMessage(), "invalid_scenario", null));
    }
  }

  private String playing() {
    var root = json.createObjectNode();
    var scenario = script.scenario();
    root.put("scenario", scenario.name());
    var models = root.putObject("models");
    for (String model : script.models()) {
      script
          .behaviourOf(model)
          .ifPresent(
              b ->
                  models.put(
                      model,
                      b.behaviour().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
    }
    return json.writeValueAsString(root);
  }

  private static String queryParameter(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(name)) {
        return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
