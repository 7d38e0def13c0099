package io.backstop.escalation;

import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.stream.EventPublisher;
import java.util.List;

/** An audit log in memory: what was "published", readable back as the incident history. */
final class RecordingPublisher implements EventPublisher, IncidentHistory {

  final List<IncidentEvent> audit = new java.util.concurrent.CopyOnWriteArrayList<>();
  final List<IncidentEvent> published = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** While set, what is published never reaches the audit: its transaction "rolled back". */
  boolean rollingBack;

  RecordingPublisher(List<? extends IncidentEvent> before) {
    audit.addAll(before);
  }

  @Override
  public <T extends IncidentEvent> T publish(T event) {
    T sealed = EventCodec.seal(event);
    published.add(sealed);
    if (!rollingBack) {
      audit.add(sealed);
    }
    return sealed;
  }

  @Override
  public <T extends IncidentEvent> T record(T event) {
    return publish(event);
  }

  @Override
  public <T extends IncidentEvent> T forward(T event) {
    throw new UnsupportedOperationException("the escalation service never forwards");
  }

  @Override
  public List<IncidentEvent> eventsOf(io.backstop.events.id.IncidentId incident) {
    return audit.stream().filter(e -> e.incidentId().equals(incident)).toList();
  }
}
