package io.backstop.diagnosis.prompt;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads {@code action.params}: an object of scalar values, kept as their text. */
final class Params {

  private Params() {}

  static Map<String, String> read(JsonNode params) {
    if (params == null || params.isNull() || params.isMissingNode()) {
      return Map.of();
    }
    if (!params.isObject()) {
      throw new UnparseableAnswerException("field 'params' must be an object or null");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : params.properties()) {
      JsonNode value = entry.getValue();
      if (value.isContainer()) {
        throw new UnparseableAnswerException(
            "params value '" + entry.getKey() + "' must be a string, number or boolean");
      }
      out.put(entry.getKey(), value.isNull() ? "" : value.asString());
    }
    return out;
  }
}
