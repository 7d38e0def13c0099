package io.backstop.guardrail.approval;

import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.stream.EventPublisher;
import java.util.ArrayList;
import java.util.List;

/** An in-memory event log standing in for the transactional publisher. */
final class Recorded implements EventPublisher {

  final List<IncidentEvent> stage = new ArrayList<>();
  final List<IncidentEvent> audit = new ArrayList<>();

  @Override
  public <T extends IncidentEvent> T publish(T event) {
    T sealed = EventCodec.seal(event);
    stage.add(sealed);
    audit.add(sealed);
    return sealed;
  }

  @Override
  public <T extends IncidentEvent> T record(T event) {
    T sealed = EventCodec.seal(event);
    audit.add(sealed);
    return sealed;
  }

  @Override
  public <T extends IncidentEvent> T forward(T event) {
    throw new UnsupportedOperationException("the guardrail never forwards");
  }

  <T extends IncidentEvent> List<T> of(Class<T> type) {
    return audit.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
