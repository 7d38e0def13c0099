package io.backstop.naive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bare OpenAI-compatible chat client: one model, no fallback, no validation of what comes back.
 * That is the point of the baseline.
 */
public final class ModelClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI baseUrl;
  private final String apiKey;
  private final String model;
  private final Duration timeout;

  public ModelClient(URI baseUrl, String apiKey, String model, Duration timeout) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.model = model;
    this.timeout = timeout;
  }

  /** Sends the prompt; returns the record of the call and, when the model answered, its answer. */
  public Result ask(String system, String user) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    var messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", system);
    messages.addObject().put("role", "user").put("content", user);
    body.putObject("response_format").put("type", "json_object");
    HttpRequest request =
        HttpRequest.newBuilder(baseUrl.resolve("/v1/chat/completions"))
            .timeout(timeout)
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    long started = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (response.statusCode() != 200) {
      return new Result(new ModelCallRecord(model, response.statusCode(), millis, 0, 0), null);
    }
    JsonNode json = JSON.readTree(response.body());
    JsonNode usage = json.path("usage");
    var record =
        new ModelCallRecord(
            model,
            200,
            millis,
            usage.path("prompt_tokens").asLong(0),
            usage.path("completion_tokens").asLong(0));
    String content = json.path("choices").path(0).path("message").path("content").asString("");
    return new Result(record, parse(content));
  }

  static ModelAnswer parse(String content) {
    String text = content.strip();
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end <= start) {
      return null;
    }
    JsonNode node = JSON.readTree(text.substring(start, end + 1));
    JsonNode action = node.path("action");
    Map<String, String> params = new HashMap<>();
    action
        .path("params")
        .properties()
        .forEach(e -> params.put(e.getKey(), e.getValue().asString()));
    return new ModelAnswer(
        node.path("hypothesis").asString(""),
        textOrNull(node.path("suspectedDeploySha")),
        node.path("confidence").asDouble(0),
        action.path("type").asString(""),
        textOrNull(action.path("target")),
        textOrNull(action.path("namespace")),
        textOrNull(action.path("scope")),
        action.path("revision").isNumber() ? action.path("revision").asLong() : null,
        textOrNull(action.path("gitSha")),
        action.path("replicas").isNumber() ? action.path("replicas").asInt() : null,
        params);
  }

  private static String textOrNull(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asString();
  }

  /** The call record, and the answer when there was one. */
  public record Result(ModelCallRecord call, ModelAnswer answer) {
    public List<ModelCallRecord> calls() {
      return List.of(call);
    }
  }
}
