package io.backstop.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.store.ResourceType;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A watch over a plain HTTP response (how kubectl watches), served as one short window: the events
 * after the request's {@code resourceVersion} (ADDED for everything when it is absent or 0;
 * MODIFIED for objects changed since; DELETED from the store's tombstones), delivered after a short
 * delay, then the response ends. Ending a watch is legal in Kubernetes — clients re-watch from the
 * last version they saw — so this answers exactly, never a stale or invented event.
 */
final class StreamedWatch {

  static final Duration WINDOW = Duration.ofMillis(1500);

  private final ClusterStore store;
  private final ObjectMapper mapper;

  StreamedWatch(ClusterStore store, ObjectMapper mapper) {
    this.store = store;
    this.mapper = mapper;
  }

  MockResponse serve(
      ApiRequest request, ResourcePath path, ResourceType type, TablePrinter tables) {
    Predicate<JsonNode> filter = Selectors.of(request, type);
    long since = version(request.param("resourceVersion").orElse("0"));
    List<Event> events = store.atomically(() -> events(path, type, filter, since));
    StringBuilder body = new StringBuilder();
    for (Event event : events) {
      JsonNode object =
          TablePrinter.wanted(request)
              ? tables.table(type, List.of(event.object()), Long.toString(event.version()))
              : event.object();
      body.append("{\"type\":\"")
          .append(event.type())
          .append("\",\"object\":")
          .append(object)
          .append("}\n");
    }
    if (body.length() == 0) {
      // Whitespace between JSON values is ignored by watch decoders; it keeps the window open
      // (the mock delays only non-empty bodies), so an idle watch is not a tight re-watch loop.
      body.append('\n');
    }
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(body.toString())
        .setBodyDelay(WINDOW);
  }

  private List<Event> events(
      ResourcePath path, ResourceType type, Predicate<JsonNode> filter, long since) {
    List<Event> events = new ArrayList<>();
    var response = store.raw(HttpMethod.GET, type.collectionPath(path.namespace()), null, null);
    for (JsonNode item : read(response.getBody().readUtf8()).path("items")) {
      long version = version(item.path("metadata").path("resourceVersion").asText("0"));
      if (filter.test(item) && (since == 0 || version > since)) {
        long created = store.createdAt(item.path("metadata").path("uid").asText(""));
        events.add(new Event(since == 0 || created > since ? "ADDED" : "MODIFIED", item, version));
      }
    }
    if (since > 0) {
      for (ClusterStore.Tombstone tombstone : store.deletedSince(since)) {
        JsonNode object = read(tombstone.json());
        boolean sameKind = type.kind().equals(object.path("kind").asText());
        boolean sameNamespace =
            path.namespace() == null
                || path.namespace().equals(object.path("metadata").path("namespace").asText());
        if (sameKind && sameNamespace && filter.test(object)) {
          events.add(new Event("DELETED", object, tombstone.resourceVersion()));
        }
      }
    }
    events.sort(Comparator.comparingLong(Event::version));
    return events;
  }

  private JsonNode read(String json) {
    try {
      return mapper.readTree(json);
    } catch (Exception e) {
      throw new ApiException(500, "InternalError", "cannot read stored object: " + e.getMessage());
    }
  }

  private static long version(String value) {
    try {
      return value.isEmpty() ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("resourceVersion must be a number, but was '" + value + "'");
    }
  }

  private record Event(String type, JsonNode object, long version) {}
}
