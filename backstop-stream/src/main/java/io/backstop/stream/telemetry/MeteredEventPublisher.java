package io.backstop.stream.telemetry;

import io.backstop.events.IncidentEvent;
import io.backstop.stream.EventPublisher;
import java.util.List;

/**
 * An {@link EventPublisher} that counts what the service emits ({@link PipelineMetrics}) after the
 * delegate accepted it. Forwarded events are outside input on its way in, not counted here.
 */
public final class MeteredEventPublisher implements EventPublisher {

  private final EventPublisher delegate;
  private final PipelineMetrics metrics;

  public MeteredEventPublisher(EventPublisher delegate, PipelineMetrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  @Override
  public <T extends IncidentEvent> T publish(T event) {
    T sealed = delegate.publish(event);
    metrics.emitted(sealed);
    return sealed;
  }

  @Override
  public <T extends IncidentEvent> T record(T event) {
    T sealed = delegate.record(event);
    metrics.emitted(sealed);
    return sealed;
  }

  @Override
  public <T extends IncidentEvent> T forward(T event) {
    return delegate.forward(event);
  }

  @Override
  public <T extends IncidentEvent> List<T> forwardAll(List<T> events) {
    return delegate.forwardAll(events);
  }
}
