package io.backstop.stream.audit;

import io.backstop.events.IncidentEvent;
import io.backstop.events.audit.Timeline;
import io.backstop.events.audit.Timelines;
import io.backstop.events.id.IncidentId;
import java.util.List;
import java.util.Map;

/**
 * What was read from the audit topic: the events in log order (per partition, by offset) and the
 * records that could not be read as events, which are reported, never skipped silently.
 */
public record AuditLog(List<IncidentEvent> events, List<UnreadableRecord> unreadable) {

  public AuditLog {
    events = List.copyOf(events);
    unreadable = List.copyOf(unreadable);
  }

  public Map<IncidentId, Timeline> timelines() {
    return Timelines.of(events);
  }

  public List<IncidentId> incidents() {
    return List.copyOf(timelines().keySet());
  }

  public Timeline timeline(IncidentId incident) {
    return Timeline.of(incident, events);
  }

  /** Unreadable records whose key says they belong to {@code incident}. */
  public List<UnreadableRecord> unreadable(IncidentId incident) {
    String prefix = incident.value() + "/";
    return unreadable.stream().filter(u -> u.key() != null && u.key().startsWith(prefix)).toList();
  }
}
