package io.backstop.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backstop.sandbox.access.Verb;
import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.store.ResourceType;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain resource verbs over the CRUD store, with what the plain mock lacks: typed list kinds,
 * Kubernetes NotFound/Conflict/Invalid errors, RFC-conformant patches applied here (not by the
 * mock), admission validation and server-side dry run.
 */
final class ResourceHandler {

  private final ClusterStore store;
  private final Responses responses;
  private final Patches patches;
  private final ObjectMapper mapper;
  private final Simulation simulation;
  private final TablePrinter tables;
  private final StreamedWatch streamedWatch;
  private final java.time.Clock clock;

  ResourceHandler(
      ClusterStore store,
      Responses responses,
      ObjectMapper mapper,
      Simulation simulation,
      java.time.Clock clock) {
    this.store = store;
    this.responses = responses;
    this.mapper = mapper;
    this.patches = new Patches(mapper);
    this.simulation = simulation;
    this.tables = new TablePrinter(mapper, clock);
    this.streamedWatch = new StreamedWatch(store, mapper);
    this.clock = clock;
  }

  MockResponse handle(ApiRequest request, ResourcePath path, ResourceType type, Verb verb) {
    return switch (verb) {
      case GET -> get(request, path, type);
      case LIST -> list(request, path, type);
      case WATCH -> watch(request, path, type);
      case CREATE -> create(request, path, type);
      case UPDATE -> update(request, path, type);
      case PATCH -> patch(request, path, type);
      case DELETE -> delete(request, path, type);
      case DELETECOLLECTION -> throw ApiException.notImplemented("deletecollection");
    };
  }

  private MockResponse watch(ApiRequest request, ResourcePath path, ResourceType type) {
    if (request.websocket()) {
      return store.raw(HttpMethod.GET, request.rawPathAndQuery(), null, null);
    }
    return streamedWatch.serve(request, path, type, tables);
  }

  JsonNode current(ResourcePath path) {
    var response = store.raw(HttpMethod.GET, objectPath(path), null, null);
    if (response.code() != 200) {
      throw ApiException.notFound(path.qualifiedResource() + " \"" + path.name() + "\" not found");
    }
    return read(response.getBody().readUtf8());
  }

  private MockResponse get(ApiRequest request, ResourcePath path, ResourceType type) {
    JsonNode object = current(path);
    if (MetadataOnly.wanted(request)) {
      return responses.json(200, MetadataOnly.object(mapper, object).toString());
    }
    if (TablePrinter.wanted(request)) {
      String version = object.path("metadata").path("resourceVersion").asText("");
      return responses.json(200, tables.table(type, List.of(object), version).toString());
    }
    return responses.json(200, object.toString());
  }

  private MockResponse list(ApiRequest request, ResourcePath path, ResourceType type) {
    var filter = Selectors.of(request, type);
    var response = store.raw(HttpMethod.GET, type.collectionPath(path.namespace()), null, null);
    ObjectNode list = (ObjectNode) read(response.getBody().readUtf8());
    JsonNode stored = list.path("items");
    list.put("apiVersion", type.apiVersion());
    list.put("kind", type.listKind());
    list.with("metadata").remove("selfLink");
    ArrayNode items = mapper.createArrayNode();
    for (JsonNode item : stored) {
      if (filter.test(item)) {
        items.add(item);
      }
    }
    list.set("items", items);
    if (MetadataOnly.wanted(request)) {
      return responses.json(200, MetadataOnly.list(mapper, list).toString());
    }
    if (TablePrinter.wanted(request)) {
      List<JsonNode> rows = new ArrayList<>();
      items.forEach(rows::add);
      String version = list.path("metadata").path("resourceVersion").asText("");
      return responses.json(200, tables.table(type, rows, version).toString());
    }
    return responses.json(200, list.toString());
  }

  private MockResponse create(ApiRequest request, ResourcePath path, ResourceType type) {
    ObjectNode object = body(request, type);
    ObjectNode metadata = object.with("metadata");
    if (type.namespaced()) {
      String ns = metadata.path("namespace").asText(path.namespace());
      if (path.namespace() == null || !ns.equals(path.namespace())) {
        throw ApiException.badRequest(
            "the namespace of the object ("
                + ns
                + ") does not match the namespace of the request ("
                + path.namespace()
                + ")");
      }
      metadata.put("namespace", ns);
    }
    Validation.check(type, object);
    return store.atomically(() -> createChecked(request, path, type, object));
  }

  private MockResponse createChecked(
      ApiRequest request, ResourcePath path, ResourceType type, ObjectNode object) {
    ObjectNode metadata = object.with("metadata");
    String name = metadata.path("name").asText();
    if (store.raw(HttpMethod.GET, type.objectPath(path.namespace(), name), null, null).code()
        == 200) {
      throw new ApiException(
          409, "AlreadyExists", path.qualifiedResource() + " \"" + name + "\" already exists");
    }
    if (request.dryRun()) {
      return responses.json(201, object.toString());
    }
    var stored =
        store.raw(HttpMethod.POST, objectCollection(path), "application/json", object.toString());
    simulation.changed();
    return responses.json(stored.code() == 200 ? 201 : stored.code(), stored.getBody().readUtf8());
  }

  private MockResponse update(ApiRequest request, ResourcePath path, ResourceType type) {
    ObjectNode object = body(request, type);
    return store.atomically(
        () -> {
          JsonNode existing = current(path);
          requireSameIdentity(path, existing, object);
          return write(request, path, type, existing, object);
        });
  }

  private MockResponse patch(ApiRequest request, ResourcePath path, ResourceType type) {
    return store.atomically(
        () -> {
          JsonNode existing = current(path);
          JsonNode patched = patches.apply(request.contentType(), existing, request.body());
          if (!patched.isObject()) {
            throw ApiException.invalid("the patched " + type.kind() + " is not an object");
          }
          requireSameIdentity(path, existing, patched);
          return write(request, path, type, existing, (ObjectNode) patched);
        });
  }

  private MockResponse write(
      ApiRequest request,
      ResourcePath path,
      ResourceType type,
      JsonNode existing,
      ObjectNode next) {
    String expectedVersion = next.path("metadata").path("resourceVersion").asText("");
    String actualVersion = existing.path("metadata").path("resourceVersion").asText("");
    if (!expectedVersion.isEmpty() && !expectedVersion.equals(actualVersion)) {
      throw new ApiException(
          409,
          "Conflict",
          "Operation cannot be fulfilled on "
              + path.qualifiedResource()
              + " \""
              + path.name()
              + "\": the object has been modified; please apply your changes to the latest"
              + " version and try again");
    }
    Validation.check(type, next);
    Validation.checkImmutable(type, existing, next);
    if (type == ResourceType.DEPLOYMENTS) {
      FieldManagers.recordWrite(request, existing, next, "", clock.instant());
    }
    if (request.dryRun()) {
      return responses.json(200, next.toString());
    }
    next.with("metadata").put("resourceVersion", actualVersion);
    var stored = store.raw(HttpMethod.PUT, objectPath(path), "application/json", next.toString());
    simulation.changed();
    return responses.json(stored.code(), stored.getBody().readUtf8());
  }

  private MockResponse delete(ApiRequest request, ResourcePath path, ResourceType type) {
    return store.atomically(
        () -> {
          JsonNode existing = current(path);
          if (!request.dryRun()) {
            if (type == ResourceType.NAMESPACES) {
              deleteContents(path.name());
            }
            store.raw(HttpMethod.DELETE, objectPath(path), null, null);
            simulation.changed();
          }
          return responses.json(200, existing.toString());
        });
  }

  /** A namespace takes everything in it along, as the namespace controller does. */
  private void deleteContents(String namespace) {
    for (ResourceType type : ResourceType.values()) {
      if (!type.namespaced()) {
        continue;
      }
      var listed = store.raw(HttpMethod.GET, type.collectionPath(namespace), null, null);
      for (JsonNode item : read(listed.getBody().readUtf8()).path("items")) {
        String name = item.path("metadata").path("name").asText();
        store.raw(HttpMethod.DELETE, type.objectPath(namespace, name), null, null);
      }
    }
  }

  private void requireSameIdentity(ResourcePath path, JsonNode existing, JsonNode next) {
    String name = next.path("metadata").path("name").asText("");
    if (!name.equals(path.name())) {
      throw ApiException.badRequest(
          "the name of the object ("
              + name
              + ") does not match the name on the URL ("
              + path.name()
              + ")");
    }
    String ns = next.path("metadata").path("namespace").asText("");
    String was = existing.path("metadata").path("namespace").asText("");
    if (!ns.equals(was)) {
      throw ApiException.badRequest("metadata.namespace cannot be changed (was " + was + ")");
    }
  }

  private ObjectNode body(ApiRequest request, ResourceType type) {
    JsonNode node = read(request.body());
    if (!node.isObject()) {
      throw ApiException.badRequest("the request body must be a " + type.kind() + " object");
    }
    ObjectNode object = (ObjectNode) node;
    String kind = object.path("kind").asText(type.kind());
    if (!kind.equals(type.kind())) {
      throw ApiException.badRequest(
          "the body is a " + kind + " but the path names " + type.plural());
    }
    object.put("kind", type.kind());
    object.put("apiVersion", type.apiVersion());
    return object;
  }

  private JsonNode read(String json) {
    try {
      return mapper.readTree(json == null || json.isBlank() ? "null" : json);
    } catch (Exception e) {
      throw ApiException.badRequest("the request body is not JSON: " + e.getMessage());
    }
  }

  private static String objectPath(ResourcePath path) {
    return ResourceType.find(path.group(), path.version(), path.resource())
        .orElseThrow()
        .objectPath(path.namespace(), path.name());
  }

  private static String objectCollection(ResourcePath path) {
    return ResourceType.find(path.group(), path.version(), path.resource())
        .orElseThrow()
        .collectionPath(path.namespace());
  }
}
