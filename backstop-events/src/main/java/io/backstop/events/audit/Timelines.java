package io.backstop.events.audit;

import io.backstop.events.IncidentEvent;
import io.backstop.events.id.IncidentId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Splits a whole audit log into one timeline per incident. */
public final class Timelines {

  private Timelines() {}

  /** Every incident's timeline, by incident id, from records in log order. */
  public static Map<IncidentId, Timeline> of(List<? extends IncidentEvent> logOrder) {
    Map<IncidentId, List<IncidentEvent>> byIncident =
        new TreeMap<>(Comparator.comparing(IncidentId::value));
    for (IncidentEvent event : logOrder) {
      byIncident.computeIfAbsent(event.incidentId(), k -> new ArrayList<>()).add(event);
    }
    Map<IncidentId, Timeline> timelines = new LinkedHashMap<>();
    byIncident.forEach((id, events) -> timelines.put(id, Timeline.of(id, events)));
    return timelines;
  }
}
