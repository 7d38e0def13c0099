package io.backstop.scenario.load;

import com.networknt.schema.Error;
import tools.jackson.databind.JsonNode;

/** Plain-words messages for schema errors, naming the bad value. */
final class SchemaWording {

  private SchemaWording() {}

  static String pattern(Error error) {
    String location = String.valueOf(error.getSchemaLocation());
    String value = shown(error.getInstanceNode());
    if (location.contains("/duration")) {
      return "must be a duration like 500ms, 5s, 12m, 3h, 9d or 1h30m, but was " + value;
    }
    if (location.contains("/gitSha")) {
      return "must be a full 40-character lowercase hex git SHA, but was " + value;
    }
    if (location.contains("/dnsName")) {
      return "must be a Kubernetes name (lowercase letters, digits and '-'), but was " + value;
    }
    if (location.contains("/memory")) {
      return "must be a memory quantity like 512Mi or 1Gi, but was " + value;
    }
    if (location.contains("/cpu")) {
      return "must be a CPU quantity like 250m or 1.5, but was " + value;
    }
    return plain(error);
  }

  static String bound(String keyword, Error error) {
    JsonNode rule = error.getSchemaNode();
    String value = shown(error.getInstanceNode());
    return switch (keyword) {
      case "minimum" -> "must be >= " + rule + ", but was " + value;
      case "maximum" -> "must be <= " + rule + ", but was " + value;
      case "exclusiveMinimum" -> "must be > " + rule + ", but was " + value;
      case "enum" -> "must be one of " + rule + ", but was " + value;
      case "const" -> "must be " + rule + ", but was " + value;
      default ->
          "must be " + article(rule) + ", but was " + typeOf(error.getInstanceNode()) + " " + value;
    };
  }

  static String plain(Error error) {
    String message = error.getMessage();
    return message == null ? "is invalid (" + error.getKeyword() + ")" : message;
  }

  private static String article(JsonNode type) {
    String name = type == null ? "value" : type.isString() ? type.asString() : type.toString();
    return switch (name) {
      case "integer", "array", "object" -> "an " + name;
      default -> "a " + name;
    };
  }

  private static String typeOf(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    return node.isNumber() ? "a number" : "a string";
  }

  private static String shown(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    String text = node.isString() ? "'" + node.asString() + "'" : node.toString();
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
