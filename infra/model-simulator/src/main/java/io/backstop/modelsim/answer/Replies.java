package io.backstop.modelsim.answer;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Replies in the shapes OpenAI-compatible clients expect: completions and errors. */
public final class Replies {

  public static final String FINGERPRINT = "backstop-model-simulator";

  private final ObjectMapper json;

  public Replies(ObjectMapper json) {
    this.json = json;
  }

  /** Rough token count as OpenAI-style tokenizers give for English: a token per 4 characters. */
  public static long tokens(int characters) {
    return Math.max(1, (characters + 3) / 4);
  }

  /** A 200 chat completion whose single choice says {@code content}. */
  public Reply completion(
      long sequence, String model, Instant created, String content, int promptChars) {
    long promptTokens = tokens(promptChars);
    long completionTokens = tokens(content.length());
    ObjectNode root = json.createObjectNode();
    root.put("id", "chatcmpl-sim-%06d".formatted(sequence));
    root.put("object", "chat.completion");
    root.put("created", created.getEpochSecond());
    root.put("model", model);
    var choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    var message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", content);
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", "stop");
    var usage = root.putObject("usage");
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", completionTokens);
    usage.put("total_tokens", promptTokens + completionTokens);
    root.put("system_fingerprint", FINGERPRINT);
    return new Reply(200, Map.of(), json.writeValueAsString(root), promptTokens, completionTokens);
  }

  /** An error in OpenAI's shape: {@code {"error": {message, type, param, code}}}. */
  public Reply error(int status, String message, String type, String code) {
    return error(status, message, type, code, Map.of());
  }

  public Reply error(
      int status, String message, String type, String code, Map<String, String> headers) {
    ObjectNode root = json.createObjectNode();
    var error = root.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.putNull("param");
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    return new Reply(status, headers, json.writeValueAsString(root), 0, 0);
  }
}
