package io.backstop.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Records who wrote which fields of an object in {@code metadata.managedFields}, as the API server
 * does: one entry per manager, operation and subresource, with the fields its write changed (among
 * {@code spec.replicas}, {@code spec.template}, and each label and annotation) and the time of its
 * last write. The manager is the request's {@code fieldManager}, else its User-Agent up to the
 * first '/' ({@code kubectl}, {@code fabric8-kubernetes-client}).
 */
public final class FieldManagers {

  private FieldManagers() {}

  /** The manager a request writes as. */
  static String manager(ApiRequest request) {
    String given = request.param("fieldManager").orElse("");
    if (!given.isBlank()) {
      return given;
    }
    String agent = request.userAgent() == null ? "" : request.userAgent().strip();
    int slash = agent.indexOf('/');
    String name = slash > 0 ? agent.substring(0, slash) : agent;
    return name.isBlank() ? "unknown" : name;
  }

  /** Adds the write of {@code next} over {@code existing} by the request's manager. */
  static void recordWrite(
      ApiRequest request, JsonNode existing, ObjectNode next, String subresource, Instant at) {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    changed(existing, next, fields);
    if (fields.isEmpty()) {
      return;
    }
    record(next, manager(request), "Update", subresource, fields, at);
  }

  /** Adds a write of {@code fields} by {@code manager} at {@code at}. */
  public static void record(
      ObjectNode object,
      String manager,
      String operation,
      String subresource,
      ObjectNode fields,
      Instant at) {
    ObjectNode metadata = object.with("metadata");
    ArrayNode entries =
        metadata.has("managedFields") && metadata.get("managedFields").isArray()
            ? (ArrayNode) metadata.get("managedFields")
            : metadata.putArray("managedFields");
    ObjectNode entry = null;
    for (JsonNode e : entries) {
      if (manager.equals(e.path("manager").asText())
          && operation.equals(e.path("operation").asText())
          && subresource.equals(e.path("subresource").asText(""))) {
        entry = (ObjectNode) e;
      }
    }
    if (entry == null) {
      entry = entries.addObject();
      entry.put("manager", manager);
      entry.put("operation", operation);
      entry.put("apiVersion", object.path("apiVersion").asText("v1"));
      if (!subresource.isEmpty()) {
        entry.put("subresource", subresource);
      }
      entry.put("fieldsType", "FieldsV1");
      entry.set("fieldsV1", JsonNodeFactory.instance.objectNode());
    }
    merge((ObjectNode) entry.get("fieldsV1"), fields);
    entry.put("time", at.truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /** The fields a write to the scale subresource owns. */
  public static ObjectNode replicas() {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    fields.putObject("f:spec").putObject("f:replicas");
    return fields;
  }

  private static void changed(JsonNode before, JsonNode after, ObjectNode fields) {
    JsonNode spec = after.path("spec");
    if (!Objects.equals(before.path("spec").get("replicas"), spec.get("replicas"))) {
      fields.with("f:spec").putObject("f:replicas");
    }
    if (!Objects.equals(before.path("spec").get("template"), spec.get("template"))) {
      fields.with("f:spec").putObject("f:template");
    }
    for (String map : new String[] {"annotations", "labels"}) {
      JsonNode was = before.path("metadata").path(map);
      Iterator<Map.Entry<String, JsonNode>> now = after.path("metadata").path(map).fields();
      while (now.hasNext()) {
        var e = now.next();
        if (!e.getValue().equals(was.get(e.getKey()))) {
          fields.with("f:metadata").with("f:" + map).putObject("f:" + e.getKey());
        }
      }
    }
  }

  private static void merge(ObjectNode into, JsonNode from) {
    Iterator<Map.Entry<String, JsonNode>> it = from.fields();
    while (it.hasNext()) {
      var e = it.next();
      JsonNode had = into.get(e.getKey());
      if (had instanceof ObjectNode o && e.getValue() instanceof ObjectNode) {
        merge(o, e.getValue());
      } else {
        into.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }
}
