package io.backstop.modelsim.answer;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The parts of an OpenAI chat completions request the simulator reads: the model, the messages'
 * text, whether a JSON response format was asked for, and whether streaming was.
 */
public record ChatRequest(
    String model, List<String> messages, boolean jsonResponse, boolean stream) {

  public ChatRequest {
    messages = List.copyOf(messages);
  }

  /** Reads a request body; a body the simulator cannot use is a {@link BadRequestException}. */
  public static ChatRequest parse(ObjectMapper json, byte[] body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      throw new BadRequestException("request body is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new BadRequestException("request body must be a JSON object");
    }
    JsonNode model = root.get("model");
    if (model == null || !model.isString() || model.asString().isBlank()) {
      throw new BadRequestException("you must provide a model parameter");
    }
    return new ChatRequest(
        model.asString(),
        messages(root.get("messages")),
        jsonFormat(root),
        isTrue(root.get("stream")));
  }

  /** All message text, in order, one message per line. */
  public String promptText() {
    return String.join("\n", messages);
  }

  private static List<String> messages(JsonNode messages) {
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new BadRequestException("messages must be a non-empty array");
    }
    var texts = new ArrayList<String>();
    for (JsonNode message : messages) {
      texts.add(content(message.get("content")));
    }
    return texts;
  }

  private static String content(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isString()) {
      return content.asString();
    }
    if (content.isArray()) {
      var text = new StringBuilder();
      for (JsonNode part : content) {
        JsonNode partText = part.get("text");
        if (partText != null && partText.isString()) {
          text.append(partText.asString());
        }
      }
      return text.toString();
    }
    throw new BadRequestException("message content must be a string or an array of parts");
  }

  private static boolean jsonFormat(JsonNode root) {
    JsonNode format = root.get("response_format");
    if (format == null || !format.isObject()) {
      return false;
    }
    String type = format.path("type").asString("");
    return type.equals("json_object") || type.equals("json_schema");
  }

  private static boolean isTrue(JsonNode node) {
    return node != null && node.isBoolean() && node.booleanValue();
  }
}
