package io.backstop.diagnosis.prompt;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.diagnosis.RecommendedAction;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a model's answer strictly. The whole text must be one JSON object (one surrounding Markdown
 * code fence is tolerated, nothing else); required fields must be present with the right types and
 * confidence must lie in [0, 1], else {@link UnparseableAnswerException}. Values are kept exactly
 * as written: an action verb outside the vocabulary, an unknown SHA or an invented evidence id are
 * the guardrail's to judge, not this reader's.
 */
public final class AnswerParser {

  public Diagnosis parse(String text) {
    JsonNode root = readObject(text);
    double confidence = number(root, "confidence");
    if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
      throw new UnparseableAnswerException(
          "confidence must be between 0 and 1, but was " + confidence);
    }
    return new Diagnosis(
        requiredText(root, "hypothesis"),
        optionalText(root, "suspectedResource"),
        optionalText(root, "suspectedNamespace"),
        optionalText(root, "suspectedDeploySha"),
        confidence,
        strings(root, "citedEvidence"),
        ActionReader.read(field(root, "action")));
  }

  private static JsonNode readObject(String text) {
    if (text == null || text.isBlank()) {
      throw new UnparseableAnswerException("empty answer");
    }
    JsonNode root;
    try {
      root = EventCodec.mapper().readTree(unfence(text.strip()));
    } catch (JacksonException e) {
      throw new UnparseableAnswerException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new UnparseableAnswerException("answer is not a JSON object");
    }
    return root;
  }

  private static String unfence(String text) {
    if (!text.startsWith("```") || !text.endsWith("```") || text.length() < 6) {
      return text;
    }
    String inner = text.substring(3, text.length() - 3);
    int newline = inner.indexOf('\n');
    return newline < 0 ? inner : inner.substring(newline + 1);
  }

  static JsonNode field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull() || value.isMissingNode()) {
      throw new UnparseableAnswerException("missing required field '" + name + "'");
    }
    return value;
  }

  static String requiredText(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isString() || value.asString().isBlank()) {
      throw new UnparseableAnswerException("field '" + name + "' must be a non-empty string");
    }
    return value.asString();
  }

  static String optionalText(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (!value.isString()) {
      throw new UnparseableAnswerException("field '" + name + "' must be a string or null");
    }
    return value.asString();
  }

  static Long optionalInteger(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new UnparseableAnswerException("field '" + name + "' must be an integer or null");
    }
    return value.asLong();
  }

  private static double number(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isNumber()) {
      throw new UnparseableAnswerException("field '" + name + "' must be a number");
    }
    return value.asDouble();
  }

  private static List<String> strings(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isArray()) {
      throw new UnparseableAnswerException("field '" + name + "' must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isString()) {
        throw new UnparseableAnswerException("field '" + name + "' must hold strings only");
      }
      out.add(item.asString());
    }
    return out;
  }

  /** Reads the {@code action} object; its verb is kept verbatim. */
  private static final class ActionReader {

    static RecommendedAction read(JsonNode action) {
      if (!action.isObject()) {
        throw new UnparseableAnswerException("field 'action' must be an object");
      }
      Long replicas = optionalInteger(action, "replicas");
      if (replicas != null && (replicas > Integer.MAX_VALUE || replicas < Integer.MIN_VALUE)) {
        throw new UnparseableAnswerException("field 'replicas' is out of range: " + replicas);
      }
      return new RecommendedAction(
          requiredText(action, "type"),
          optionalText(action, "target"),
          optionalText(action, "namespace"),
          optionalText(action, "scope"),
          optionalInteger(action, "revision"),
          optionalText(action, "gitSha"),
          replicas == null ? null : replicas.intValue(),
          Params.read(action.get("params")),
          optionalText(action, "podTemplateHash"));
    }
  }
}
