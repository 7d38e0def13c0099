package io.backstop.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.backstop.sandbox.store.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Label and field selectors, applied by the sandbox itself (not left to the mock) so a list answers
 * exactly what Kubernetes would: equality, inequality and set-based label requirements, and the
 * field selectors Kubernetes supports per kind. An unsupported field is a 400, as on a real API
 * server, never an unfiltered list.
 */
final class Selectors {

  private static final Set<String> COMMON_FIELDS = Set.of("metadata.name", "metadata.namespace");
  private static final Set<String> POD_FIELDS =
      Set.of(
          "status.phase",
          "spec.nodeName",
          "spec.restartPolicy",
          "spec.serviceAccountName",
          "status.podIP");
  private static final Set<String> EVENT_FIELDS =
      Set.of(
          "involvedObject.kind",
          "involvedObject.namespace",
          "involvedObject.name",
          "involvedObject.uid",
          "involvedObject.apiVersion",
          "involvedObject.resourceVersion",
          "involvedObject.fieldPath",
          "reason",
          "reportingComponent",
          "source",
          "type");

  private Selectors() {}

  /** The filter for a list request's {@code labelSelector} and {@code fieldSelector}. */
  static Predicate<JsonNode> of(ApiRequest request, ResourceType type) {
    Predicate<JsonNode> labels = labels(request.param("labelSelector").orElse(""));
    Predicate<JsonNode> fields = fields(request.param("fieldSelector").orElse(""), type);
    return labels.and(fields);
  }

  static Predicate<JsonNode> labels(String selector) {
    Predicate<JsonNode> all = item -> true;
    for (String requirement : split(selector)) {
      all = all.and(labelRequirement(requirement.trim()));
    }
    return all;
  }

  private static Predicate<JsonNode> labelRequirement(String text) {
    JsonLabel label;
    String lower = text.replaceAll("\\s+", " ");
    if (lower.contains(" notin ") || lower.contains(" in ")) {
      boolean negated = lower.contains(" notin ");
      String[] parts = lower.split(negated ? " notin " : " in ", 2);
      String values = parts[1].trim();
      if (!values.startsWith("(") || !values.endsWith(")")) {
        throw badSelector(text);
      }
      Set<String> set =
          Set.of(values.substring(1, values.length() - 1).replace(" ", "").split(","));
      label = new JsonLabel(parts[0].trim());
      return negated
          ? item -> !set.contains(label.value(item))
          : item -> set.contains(label.value(item));
    }
    if (text.contains("!=")) {
      String[] parts = text.split("!=", 2);
      label = new JsonLabel(parts[0].trim());
      String value = parts[1].trim();
      return item -> !value.equals(label.value(item));
    }
    if (text.contains("=")) {
      String[] parts = text.split("==?", 2);
      label = new JsonLabel(parts[0].trim());
      String value = parts[1].trim();
      return item -> value.equals(label.value(item));
    }
    if (text.startsWith("!")) {
      label = new JsonLabel(text.substring(1).trim());
      return item -> label.value(item) == null;
    }
    if (text.isEmpty() || text.contains(" ")) {
      throw badSelector(text);
    }
    label = new JsonLabel(text);
    return item -> label.value(item) != null;
  }

  private static Predicate<JsonNode> fields(String selector, ResourceType type) {
    Predicate<JsonNode> all = item -> true;
    for (String requirement : split(selector)) {
      String text = requirement.trim();
      boolean negated = text.contains("!=");
      String[] parts = text.split(negated ? "!=" : "==?", 2);
      if (parts.length != 2) {
        throw ApiException.badRequest("invalid field selector requirement '" + text + "'");
      }
      String field = parts[0].trim();
      String value = parts[1].trim();
      if (!supported(field, type)) {
        throw ApiException.badRequest("field label not supported: " + field);
      }
      Predicate<JsonNode> match = item -> value.equals(fieldValue(item, field));
      all = all.and(negated ? match.negate() : match);
    }
    return all;
  }

  private static boolean supported(String field, ResourceType type) {
    return COMMON_FIELDS.contains(field)
        || (type == ResourceType.PODS && POD_FIELDS.contains(field))
        || (type == ResourceType.EVENTS && EVENT_FIELDS.contains(field));
  }

  private static String fieldValue(JsonNode item, String field) {
    JsonNode node = item;
    if (field.equals("source")) {
      node = item.path("source").path("component");
    } else {
      for (String part : field.split("\\.")) {
        node = node.path(part);
      }
    }
    return node.isMissingNode() || node.isNull() ? "" : node.asText();
  }

  /** Splits on commas outside parentheses. */
  private static List<String> split(String selector) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : selector.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (!current.toString().isBlank()) {
      parts.add(current.toString());
    }
    return parts;
  }

  private static ApiException badSelector(String text) {
    return ApiException.badRequest(
        "unable to parse requirement '" + text + "' of the label selector");
  }

  /** A label key read from an object's metadata. */
  private record JsonLabel(String key) {
    String value(JsonNode item) {
      JsonNode value = item.path("metadata").path("labels").path(key);
      return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
  }
}
