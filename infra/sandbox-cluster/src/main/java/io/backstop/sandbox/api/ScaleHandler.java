package io.backstop.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backstop.sandbox.access.Verb;
import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.store.ResourceType;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The {@code deployments/scale} subresource: GET answers an {@code autoscaling/v1 Scale}; PATCH
 * (JSON Patch or merge patch against the Scale) and PUT change only {@code spec.replicas}.
 */
final class ScaleHandler {

  private final ClusterStore store;
  private final Responses responses;
  private final ObjectMapper mapper;
  private final Patches patches;
  private final ResourceHandler resources;
  private final Simulation simulation;
  private final java.time.Clock clock;

  ScaleHandler(
      ClusterStore store,
      Responses responses,
      ObjectMapper mapper,
      ResourceHandler resources,
      Simulation simulation,
      java.time.Clock clock) {
    this.clock = clock;
    this.store = store;
    this.responses = responses;
    this.mapper = mapper;
    this.patches = new Patches(mapper);
    this.resources = resources;
    this.simulation = simulation;
  }

  MockResponse handle(ApiRequest request, ResourcePath path, Verb verb) {
    return store.atomically(
        () -> {
          ObjectNode deployment = (ObjectNode) resources.current(path);
          ObjectNode scale = scaleOf(deployment);
          return switch (verb) {
            case GET -> responses.json(200, scale.toString());
            case PATCH ->
                apply(
                    request,
                    path,
                    deployment,
                    patches.apply(request.contentType(), scale, request.body()));
            case UPDATE -> apply(request, path, deployment, read(request.body()));
            default ->
                throw new ApiException(
                    405, "MethodNotAllowed", verb + " is not allowed on deployments/scale");
          };
        });
  }

  private MockResponse apply(
      ApiRequest request, ResourcePath path, ObjectNode deployment, JsonNode scale) {
    JsonNode replicas = scale.path("spec").path("replicas");
    String prefix = "Scale \"" + path.name() + "\" is invalid: ";
    if (replicas.isMissingNode()) {
      throw ApiException.invalid(prefix + "spec.replicas: Required value");
    }
    Validation.checkReplicas(prefix, replicas);
    ObjectNode next = deployment.deepCopy();
    next.with("spec").put("replicas", replicas.asInt());
    if (deployment.path("spec").path("replicas").asInt(-1) != replicas.asInt()) {
      FieldManagers.record(
          next,
          FieldManagers.manager(request),
          "Update",
          "scale",
          FieldManagers.replicas(),
          java.time.Instant.now(clock));
    }
    if (!request.dryRun()) {
      String objectPath = ResourceType.DEPLOYMENTS.objectPath(path.namespace(), path.name());
      var stored = store.raw(HttpMethod.PUT, objectPath, "application/json", next.toString());
      if (stored.code() >= 300) {
        throw new ApiException(stored.code(), "InternalError", stored.getBody().readUtf8());
      }
      next = (ObjectNode) read(stored.getBody().readUtf8());
      simulation.changed();
    }
    return responses.json(200, scaleOf(next).toString());
  }

  private ObjectNode scaleOf(ObjectNode deployment) {
    ObjectNode scale = mapper.createObjectNode();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    JsonNode meta = deployment.path("metadata");
    ObjectNode metadata = scale.putObject("metadata");
    for (String field :
        new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
      if (meta.has(field)) {
        metadata.set(field, meta.get(field));
      }
    }
    scale.putObject("spec").put("replicas", deployment.path("spec").path("replicas").asInt(1));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", deployment.path("status").path("replicas").asInt(0));
    status.put("selector", selector(deployment.path("spec").path("selector").path("matchLabels")));
    return scale;
  }

  private static String selector(JsonNode matchLabels) {
    StringJoiner joiner = new StringJoiner(",");
    Iterator<Map.Entry<String, JsonNode>> fields = matchLabels.fields();
    while (fields.hasNext()) {
      var label = fields.next();
      joiner.add(label.getKey() + "=" + label.getValue().asText());
    }
    return joiner.toString();
  }

  private JsonNode read(String json) {
    try {
      return mapper.readTree(json == null || json.isBlank() ? "{}" : json);
    } catch (Exception e) {
      throw ApiException.badRequest("the request body is not JSON: " + e.getMessage());
    }
  }
}
