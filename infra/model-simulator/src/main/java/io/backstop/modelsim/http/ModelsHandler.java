package io.backstop.modelsim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.backstop.modelsim.Script;
import io.backstop.modelsim.answer.Replies;
import java.time.Clock;
import tools.jackson.databind.ObjectMapper;

/** {@code GET /v1/models}: the models the current scenario scripts, in OpenAI's list shape. */
public final class ModelsHandler implements HttpHandler {

  private final Script script;
  private final Replies replies;
  private final ApiKeyCheck keys;
  private final ObjectMapper json;
  private final Clock clock;

  public ModelsHandler(Script script, String apiKey, ObjectMapper json, Clock clock) {
    this.script = script;
    this.replies = new Replies(json);
    this.keys = new ApiKeyCheck(apiKey, replies);
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) {
    if (!"GET".equals(exchange.getRequestMethod())) {
      Exchanges.send(
          exchange, replies.error(405, "use GET on /v1/models", "invalid_request_error", null));
      return;
    }
    var refusal = keys.refusal(exchange);
    if (refusal.isPresent()) {
      Exchanges.send(exchange, refusal.get());
      return;
    }
    var root = json.createObjectNode();
    root.put("object", "list");
    var data = root.putArray("data");
    long created = clock.instant().getEpochSecond();
    for (String model : script.models()) {
      var entry = data.addObject();
      entry.put("id", model);
      entry.put("object", "model");
      entry.put("created", created);
      entry.put("owned_by", Replies.FINGERPRINT);
    }
    Exchanges.sendJson(exchange, 200, json.writeValueAsString(root));
  }
}
