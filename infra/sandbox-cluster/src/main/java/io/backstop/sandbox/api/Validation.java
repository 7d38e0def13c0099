package io.backstop.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.backstop.sandbox.store.ResourceType;
import java.util.Iterator;
import java.util.Map;

/**
 * The admission checks the sandbox applies before storing (or dry-running) a write, so an invalid
 * object is refused with 422 and a message naming the field and the bad value.
 */
final class Validation {

  private Validation() {}

  static void check(ResourceType type, JsonNode object) {
    JsonNode name = object.path("metadata").path("name");
    if (!name.isTextual() || name.asText().isBlank()) {
      throw ApiException.invalid(type.kind() + " is invalid: metadata.name: Required value");
    }
    if (type == ResourceType.DEPLOYMENTS || type == ResourceType.STATEFULSETS) {
      checkWorkload(type.kind() + " \"" + name.asText() + "\" is invalid: ", object.path("spec"));
    }
  }

  /** Fields Kubernetes refuses to change after creation: a workload's selector. */
  static void checkImmutable(ResourceType type, JsonNode existing, JsonNode next) {
    boolean workload =
        type == ResourceType.DEPLOYMENTS
            || type == ResourceType.STATEFULSETS
            || type == ResourceType.REPLICASETS;
    JsonNode was = existing.path("spec").path("selector");
    if (workload && !was.isMissingNode() && !was.equals(next.path("spec").path("selector"))) {
      throw ApiException.invalid(
          type.kind()
              + " \""
              + next.path("metadata").path("name").asText()
              + "\" is invalid: spec.selector: Invalid value: "
              + next.path("spec").path("selector")
              + ": field is immutable");
    }
  }

  static void checkReplicas(String prefix, JsonNode replicas) {
    if (replicas.isMissingNode() || replicas.isNull()) {
      return;
    }
    if (!replicas.isIntegralNumber() || replicas.asLong() < 0 || replicas.asLong() > 1000) {
      throw ApiException.invalid(
          prefix + "spec.replicas: must be an integer between 0 and 1000, but was " + replicas);
    }
  }

  private static void checkWorkload(String prefix, JsonNode spec) {
    checkReplicas(prefix, spec.path("replicas"));
    JsonNode matchLabels = spec.path("selector").path("matchLabels");
    if (!matchLabels.isObject() || matchLabels.isEmpty()) {
      throw ApiException.invalid(prefix + "spec.selector.matchLabels: Required value");
    }
    JsonNode labels = spec.path("template").path("metadata").path("labels");
    Iterator<Map.Entry<String, JsonNode>> wanted = matchLabels.fields();
    while (wanted.hasNext()) {
      var label = wanted.next();
      if (!label.getValue().equals(labels.path(label.getKey()))) {
        throw ApiException.invalid(
            prefix
                + "spec.template.metadata.labels: Invalid value: "
                + labels
                + ": `selector` does not match template `labels`");
      }
    }
    JsonNode containers = spec.path("template").path("spec").path("containers");
    if (!containers.isArray() || containers.isEmpty()) {
      throw ApiException.invalid(prefix + "spec.template.spec.containers: Required value");
    }
    for (JsonNode container : containers) {
      if (container.path("image").asText("").isBlank()) {
        throw ApiException.invalid(
            prefix
                + "spec.template.spec.containers["
                + container.path("name").asText("?")
                + "].image: Required value");
      }
    }
  }
}
