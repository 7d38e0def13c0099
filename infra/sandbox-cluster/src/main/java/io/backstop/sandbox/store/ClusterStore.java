package io.backstop.sandbox.store;

import io.fabric8.kubernetes.api.builder.Builder;
import io.fabric8.kubernetes.api.builder.Editable;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Typed, in-process access to the fabric8 CRUD dispatcher's store. The HTTP layer and the simulated
 * controllers both go through here, under one lock, so a read-modify-write (a patch, a reconcile
 * step) is atomic and every change still raises the dispatcher's watch events.
 *
 * <p>Typed reads ({@link #list}, {@link #get}) take the stored JSON straight from the dispatcher's
 * map under the lock, and parse an object only when its stored JSON changed since it was last
 * parsed: a reconcile step reads the whole cluster several times, and parsing every object on every
 * read (as the HTTP list, then the list's items converted to their type) was most of its time, held
 * under the lock every API request waits on. Each caller gets its own deep copy (the model's
 * builder), so a caller that edits what it read never changes what the next caller reads.
 */
public final class ClusterStore {

  private final KubernetesCrudDispatcher crud;
  private final KubernetesSerialization json;
  private static final int MAX_TOMBSTONES = 2000;

  private final ReentrantLock lock = new ReentrantLock();
  private final java.util.ArrayDeque<Tombstone> tombstones = new java.util.ArrayDeque<>();
  private final java.util.Map<String, Long> createdVersions = new java.util.HashMap<>();

  /**
   * The object each stored JSON document parses to, never handed out (callers get copies); keyed by
   * the stored string, so an entry goes when the dispatcher drops that version of the object.
   */
  private final Map<String, HasMetadata> parsed = new WeakHashMap<>();

  public ClusterStore(KubernetesCrudDispatcher crud, KubernetesSerialization json) {
    this.crud = crud;
    this.json = json;
  }

  public KubernetesSerialization json() {
    return json;
  }

  /** Runs {@code work} holding the store lock (re-entrant). */
  public <T> T atomically(Supplier<T> work) {
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  public void atomically(Runnable work) {
    atomically(
        () -> {
          work.run();
          return null;
        });
  }

  /** Passes a raw request to the CRUD dispatcher; a successful DELETE leaves a tombstone. */
  public MockResponse raw(HttpMethod method, String path, String contentType, String body) {
    Headers.Builder headers = Headers.builder();
    if (contentType != null) {
      headers.add("Content-Type", contentType);
    }
    Buffer buffer = new Buffer();
    if (body != null) {
      buffer.writeUtf8(body);
    }
    var request = new RecordedRequest("HTTP/1.1", method, path, headers.build(), buffer);
    return atomically(
        () -> {
          String before = method == HttpMethod.DELETE ? existing(path) : null;
          MockResponse response = crud.dispatch(request);
          if (method == HttpMethod.POST && response.code() < 300) {
            recordCreation(response);
          }
          if (before != null && response.code() == 200) {
            tombstones.addLast(new Tombstone(before, crud.requestResourceVersion()));
            while (tombstones.size() > MAX_TOMBSTONES) {
              tombstones.removeFirst();
            }
          }
          return response;
        });
  }

  /** The resource version at which an object (by uid) was created, when this store created it. */
  public long createdAt(String uid) {
    return atomically(() -> createdVersions.getOrDefault(uid, 0L));
  }

  private void recordCreation(MockResponse response) {
    String body = response.getBody().readUtf8();
    response.setBody(body);
    HasMetadata created = json.unmarshal(body);
    if (created != null
        && created.getMetadata() != null
        && created.getMetadata().getUid() != null) {
      createdVersions.put(
          created.getMetadata().getUid(),
          Long.parseLong(created.getMetadata().getResourceVersion()));
    }
  }

  /** Objects deleted after {@code resourceVersion}, oldest first (bounded memory). */
  public List<Tombstone> deletedSince(long resourceVersion) {
    return atomically(
        () -> tombstones.stream().filter(t -> t.resourceVersion() > resourceVersion).toList());
  }

  private String existing(String path) {
    var response =
        crud.dispatch(
            new RecordedRequest(
                "HTTP/1.1", HttpMethod.GET, path, Headers.builder().build(), new Buffer()));
    return response.code() == 200 ? response.getBody().readUtf8() : null;
  }

  /** A deleted object's last JSON and the resource version of its deletion. */
  public record Tombstone(String json, long resourceVersion) {}

  /**
   * Every object of {@code type} in {@code namespace} (all namespaces when null), in store order.
   */
  public <T extends HasMetadata> List<T> list(Class<T> type, String namespace) {
    var query = crud.getKey(ResourceType.of(type).collectionPath(namespace));
    return atomically(
        () -> {
          List<T> items = new ArrayList<>();
          for (var entry : new ArrayList<>(crud.getMap().entrySet())) {
            if (entry.getKey().matches(query)) {
              items.add(typed(entry.getValue(), type));
            }
          }
          return items;
        });
  }

  public <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name) {
    var key = crud.getKey(ResourceType.of(type).objectPath(namespace, name));
    return atomically(
        () -> Optional.ofNullable(crud.findResource(key)).map(e -> typed(e.getValue(), type)));
  }

  /** A copy of the object {@code stored} parses to, parsed only if this version is new. */
  private <T extends HasMetadata> T typed(String stored, Class<T> type) {
    HasMetadata object = parsed.get(stored);
    if (!type.isInstance(object)) {
      object = json.unmarshal(stored, type);
      parsed.put(stored, object);
    }
    return type.cast(copy(object));
  }

  /** A deep copy through the model's builder; JSON for a type without one. */
  private HasMetadata copy(HasMetadata object) {
    if (object instanceof Editable<?> editable && editable.edit() instanceof Builder<?> builder) {
      return (HasMetadata) builder.build();
    }
    return json.unmarshal(json.asJson(object), object.getClass());
  }

  public <T extends HasMetadata> T create(T object) {
    var type = ResourceType.of(object.getClass());
    var response =
        raw(
            HttpMethod.POST,
            type.collectionPath(object.getMetadata().getNamespace()),
            "application/json",
            json.asJson(object));
    return read(response, object, "create");
  }

  public <T extends HasMetadata> T replace(T object) {
    var type = ResourceType.of(object.getClass());
    var meta = object.getMetadata();
    String version = meta.getResourceVersion();
    meta.setResourceVersion(null);
    var response =
        raw(
            HttpMethod.PUT,
            type.objectPath(meta.getNamespace(), meta.getName()),
            "application/json",
            json.asJson(object));
    meta.setResourceVersion(version);
    return read(response, object, "replace");
  }

  /**
   * Sets an object's {@code creationTimestamp} in the past, in place and without a watch event: the
   * CRUD dispatcher stamps every create with "now", but a loaded history must show when each
   * revision really rolled out.
   */
  public void backdate(HasMetadata object, java.time.Instant createdAt) {
    var type = ResourceType.of(object.getClass());
    String path =
        type.objectPath(object.getMetadata().getNamespace(), object.getMetadata().getName());
    atomically(
        () -> {
          var entry = crud.findResource(crud.getKey(path));
          if (entry == null) {
            throw new StoreException("cannot backdate missing " + path);
          }
          HasMetadata stored = json.unmarshal(entry.getValue(), object.getClass());
          stored.getMetadata().setCreationTimestamp(createdAt.toString());
          crud.getMap().put(entry.getKey(), json.asJson(stored));
        });
  }

  public void delete(Class<? extends HasMetadata> type, String namespace, String name) {
    raw(HttpMethod.DELETE, ResourceType.of(type).objectPath(namespace, name), null, null);
  }

  @SuppressWarnings("unchecked")
  private <T extends HasMetadata> T read(MockResponse response, T object, String verb) {
    String body = response.getBody().readUtf8();
    if (response.code() >= 300) {
      throw new StoreException(
          verb
              + " "
              + object.getKind()
              + " "
              + object.getMetadata().getName()
              + " failed with "
              + response.code()
              + ": "
              + body);
    }
    return (T) json.unmarshal(body, object.getClass());
  }
}
