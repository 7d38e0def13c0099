package io.backstop.guardrail.web;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The what-if request, decoded with the event codec; a bad part names its field. {@code prior},
 * when given, is the past to judge against (the incident's and its namespace's earlier events, as
 * the audit log holds them) instead of the guardrail's live budget and breaker state.
 */
record EvaluationRequest(
    SignalsGathered signals, DiagnosisProposed diagnosis, Optional<List<IncidentEvent>> prior) {

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
        part(root, "diagnosis", DiagnosisProposed.class),
        prior(root.get("prior")));
  }

  private static Optional<List<IncidentEvent>> prior(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isArray()) {
      throw new EventDecodingException("prior", "must be a list of events", null);
    }
    List<IncidentEvent> events = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      try {
        events.add(EventCodec.decode(EventCodec.mapper().writeValueAsBytes(node.get(i))));
      } catch (EventDecodingException e) {
        String field = "$".equals(e.field()) ? "" : "." + e.field();
        throw new EventDecodingException("prior[" + i + "]" + field, e.reason(), e);
      }
    }
    return Optional.of(List.copyOf(events));
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
