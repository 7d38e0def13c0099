package io.backstop.events.audit;

import io.backstop.events.IncidentEvent;
import io.backstop.events.id.EventId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Orders one incident's events by causation, then time: an event never comes before its cause, and
 * among events whose causes are already placed the earlier one (then the smaller id, so the order
 * is stable) goes first. The order does not depend on the order records were read in. Events caught
 * in a causation cycle, which no honest log contains, are appended by time rather than dropped.
 */
final class CausalOrder {

  private static final Comparator<IncidentEvent> BY_TIME =
      Comparator.comparing((IncidentEvent e) -> e.header().occurredAt())
          .thenComparing(e -> e.eventId().toString());

  private CausalOrder() {}

  static List<IncidentEvent> of(Collection<IncidentEvent> events) {
    Map<EventId, IncidentEvent> byId = new LinkedHashMap<>();
    events.forEach(e -> byId.put(e.eventId(), e));
    Map<EventId, List<IncidentEvent>> children = new HashMap<>();
    PriorityQueue<IncidentEvent> ready = new PriorityQueue<>(BY_TIME);
    for (IncidentEvent event : byId.values()) {
      EventId cause = event.header().causationId();
      if (byId.containsKey(cause) && !cause.equals(event.eventId())) {
        children.computeIfAbsent(cause, k -> new ArrayList<>()).add(event);
      } else {
        ready.add(event);
      }
    }
    List<IncidentEvent> ordered = new ArrayList<>(byId.size());
    while (!ready.isEmpty()) {
      IncidentEvent next = ready.poll();
      ordered.add(next);
      ready.addAll(children.getOrDefault(next.eventId(), List.of()));
    }
    if (ordered.size() < byId.size()) {
      byId.values().stream()
          .filter(e -> !ordered.contains(e))
          .sorted(BY_TIME)
          .forEach(ordered::add);
    }
    return ordered;
  }
}
