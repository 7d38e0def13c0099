package io.backstop.sandbox.controller;

import io.backstop.sandbox.store.ClusterStore;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes {@code v1} Events as the controllers and the kubelet would, aggregating repeats of the
 * same reason on the same object into one Event with a growing {@code count} (as BackOff does).
 */
public final class EventRecorder {

  private final ClusterStore store;
  private final Clock clock;
  private final Map<String, String> aggregated = new HashMap<>();
  private long sequence;

  public EventRecorder(ClusterStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public void normal(HasMetadata object, String component, String reason, String message) {
    record(object, component, "Normal", reason, message);
  }

  public void warning(HasMetadata object, String component, String reason, String message) {
    record(object, component, "Warning", reason, message);
  }

  /** A Normal event that happened at {@code at} (a loaded history), not now. */
  public void normalAt(
      HasMetadata object, String component, String reason, String message, Instant at) {
    record(object, component, "Normal", reason, message, at);
  }

  private void record(
      HasMetadata object, String component, String type, String reason, String message) {
    record(object, component, type, reason, message, clock.instant());
  }

  private void record(
      HasMetadata object,
      String component,
      String type,
      String reason,
      String message,
      Instant at) {
    String now = at.toString();
    String key = object.getMetadata().getUid() + "/" + reason + "/" + message;
    String ns =
        object.getMetadata().getNamespace() == null
            ? "default"
            : object.getMetadata().getNamespace();
    String existing = aggregated.get(key);
    if (existing != null) {
      var found = store.get(Event.class, ns, existing);
      if (found.isPresent()) {
        Event event = found.get();
        event.setCount(event.getCount() == null ? 2 : event.getCount() + 1);
        event.setLastTimestamp(now);
        store.replace(event);
        return;
      }
    }
    String name =
        object.getMetadata().getName() + "." + Long.toHexString(0x17a000000L + ++sequence);
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(object.getApiVersion())
            .withKind(object.getKind())
            .withName(object.getMetadata().getName())
            .withNamespace(object.getMetadata().getNamespace())
            .withUid(object.getMetadata().getUid())
            .endInvolvedObject()
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withNewSource()
            .withComponent(component)
            .endSource()
            .withReportingComponent(component)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .build();
    store.create(event);
    aggregated.put(key, name);
  }
}
