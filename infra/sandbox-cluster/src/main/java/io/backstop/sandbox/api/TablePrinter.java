package io.backstop.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backstop.sandbox.store.ResourceType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Server-side printing ({@code meta.k8s.io/v1 Table}), which {@code kubectl get} asks for: the
 * columns kubectl shows for deployments, ReplicaSets, StatefulSets and pods (READY, STATUS,
 * RESTARTS...), and NAME/AGE for everything else.
 */
final class TablePrinter {

  private final ObjectMapper mapper;
  private final Clock clock;

  TablePrinter(ObjectMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  static boolean wanted(ApiRequest request) {
    return request.accept() != null && request.accept().contains("as=Table");
  }

  ObjectNode table(ResourceType type, List<JsonNode> items, String resourceVersion) {
    ObjectNode table = mapper.createObjectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion", resourceVersion);
    ArrayNode columns = table.putArray("columnDefinitions");
    for (String column : columns(type)) {
      ObjectNode definition = columns.addObject();
      definition.put("name", column);
      definition.put("type", "string");
      definition.put("format", column.equals("Name") ? "name" : "");
      definition.put("description", column);
      definition.put("priority", 0);
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells(type, item).forEach(cells::add);
      ObjectNode object = row.putObject("object");
      object.put("kind", "PartialObjectMetadata");
      object.put("apiVersion", "meta.k8s.io/v1");
      object.set("metadata", item.path("metadata").deepCopy());
    }
    return table;
  }

  private static List<String> columns(ResourceType type) {
    return switch (type) {
      case DEPLOYMENTS -> List.of("Name", "Ready", "Up-to-date", "Available", "Age");
      case REPLICASETS -> List.of("Name", "Desired", "Current", "Ready", "Age");
      case STATEFULSETS -> List.of("Name", "Ready", "Age");
      case PODS -> List.of("Name", "Ready", "Status", "Restarts", "Age");
      case EVENTS -> List.of("Name", "Type", "Reason", "Object", "Message");
      default -> List.of("Name", "Age");
    };
  }

  private List<String> cells(ResourceType type, JsonNode item) {
    String name = item.path("metadata").path("name").asText();
    String age = age(item.path("metadata").path("creationTimestamp").asText(""));
    JsonNode spec = item.path("spec");
    JsonNode status = item.path("status");
    return switch (type) {
      case DEPLOYMENTS ->
          List.of(
              name,
              status.path("readyReplicas").asInt(0) + "/" + spec.path("replicas").asInt(1),
              Integer.toString(status.path("updatedReplicas").asInt(0)),
              Integer.toString(status.path("availableReplicas").asInt(0)),
              age);
      case REPLICASETS ->
          List.of(
              name,
              Integer.toString(spec.path("replicas").asInt(0)),
              Integer.toString(status.path("replicas").asInt(0)),
              Integer.toString(status.path("readyReplicas").asInt(0)),
              age);
      case STATEFULSETS ->
          List.of(
              name,
              status.path("readyReplicas").asInt(0) + "/" + spec.path("replicas").asInt(1),
              age);
      case PODS -> pod(name, item, age);
      case EVENTS ->
          List.of(
              name,
              item.path("type").asText(""),
              item.path("reason").asText(""),
              item.path("involvedObject").path("kind").asText("").toLowerCase()
                  + "/"
                  + item.path("involvedObject").path("name").asText(""),
              item.path("message").asText(""));
      default -> List.of(name, age);
    };
  }

  private static List<String> pod(String name, JsonNode pod, String age) {
    JsonNode statuses = pod.path("status").path("containerStatuses");
    int containers = Math.max(1, pod.path("spec").path("containers").size());
    int ready = 0;
    int restarts = 0;
    String reason = pod.path("status").path("phase").asText("Pending");
    for (JsonNode status : statuses) {
      ready += status.path("ready").asBoolean(false) ? 1 : 0;
      restarts += status.path("restartCount").asInt(0);
      String waiting = status.path("state").path("waiting").path("reason").asText("");
      if (!waiting.isEmpty()) {
        reason = waiting;
      }
    }
    return List.of(name, ready + "/" + containers, reason, Integer.toString(restarts), age);
  }

  private String age(String timestamp) {
    if (timestamp.isEmpty()) {
      return "<unknown>";
    }
    Duration age = Duration.between(Instant.parse(timestamp), clock.instant());
    return human(age);
  }

  /** Ages as kubectl prints them: 45s, 5m, 3h, 9d. */
  static String human(Duration age) {
    long seconds = Math.max(0, age.getSeconds());
    if (seconds < 120) {
      return seconds + "s";
    }
    if (seconds < 3 * 3600) {
      return seconds / 60 + "m";
    }
    if (seconds < 2 * 86400) {
      return seconds / 3600 + "h";
    }
    return seconds / 86400 + "d";
  }
}
