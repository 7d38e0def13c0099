package io.backstop.events.audit;

import io.backstop.events.IncidentEvent;
import io.backstop.events.id.EventId;
import io.backstop.events.id.IncidentId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One incident as the audit log tells it: {@code events} in causal order, one per event id, and
 * {@code superseded}, the earlier versions of a redelivered step that the log still held (the audit
 * topic is compacted by {@code incidentId/eventId}, so in time only the latest version of each step
 * remains).
 */
public record Timeline(
    IncidentId incident, List<IncidentEvent> events, List<IncidentEvent> superseded) {

  public Timeline {
    events = List.copyOf(events);
    superseded = List.copyOf(superseded);
  }

  /**
   * The timeline of {@code incident} from its records in log order. A later record with the same
   * event id replaces an earlier one, as compaction would; the earlier one goes to {@code
   * superseded}. Records of other incidents are ignored.
   */
  public static Timeline of(IncidentId incident, List<? extends IncidentEvent> logOrder) {
    Map<EventId, IncidentEvent> latest = new LinkedHashMap<>();
    List<IncidentEvent> superseded = new ArrayList<>();
    for (IncidentEvent event : logOrder) {
      if (!event.incidentId().equals(incident)) {
        continue;
      }
      IncidentEvent earlier = latest.put(event.eventId(), event);
      if (earlier != null) {
        superseded.add(earlier);
      }
    }
    return new Timeline(incident, CausalOrder.of(latest.values()), superseded);
  }

  /** Verifies the hash chain; see {@link ChainVerifier}. */
  public ChainVerification verify() {
    return ChainVerifier.verify(this);
  }
}
