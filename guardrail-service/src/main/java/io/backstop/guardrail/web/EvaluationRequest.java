package io.backstop.guardrail.web;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The what-if request, decoded with the event codec; a bad part names its field. */
record EvaluationRequest(SignalsGathered signals, DiagnosisProposed diagnosis) {

  static EvaluationRequest parse(String body) {
    JsonNode root;
    try {
      root = EventCodec.mapper().readTree(body == null ? "" : body);
    } catch (JacksonException e) {
      throw new EventDecodingException("$", "not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new EventDecodingException("$", "must be an object with signals and diagnosis", null);
    }
    return new EvaluationRequest(
        part(root, "signals", SignalsGathered.class),
        part(root, "diagnosis", DiagnosisProposed.class));
  }

  private static <T extends IncidentEvent> T part(JsonNode root, String name, Class<T> type) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      throw new EventDecodingException(name, "missing required field", null);
    }
    try {
      return EventCodec.decode(EventCodec.mapper().writeValueAsBytes(node), type);
    } catch (EventDecodingException e) {
      String field = "$".equals(e.field()) ? name : name + "." + e.field();
      throw new EventDecodingException(field, e.reason(), e);
    }
  }
}
