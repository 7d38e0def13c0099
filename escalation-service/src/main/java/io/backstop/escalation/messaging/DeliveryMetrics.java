package io.backstop.escalation.messaging;

import io.backstop.events.EscalationDelivered;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Counts deliveries as {@code backstop.escalation.deliveries} tagged by channel, operation and
 * status, so a dashboard or an alert can watch for {@code status=DEAD_LETTERED}: a page that did
 * not reach the pager should page someone another way.
 */
public final class DeliveryMetrics {

  public static final String NAME = "backstop.escalation.deliveries";

  private final MeterRegistry registry;

  public DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public List<EscalationDelivered> count(List<EscalationDelivered> deliveries) {
    for (EscalationDelivered d : deliveries) {
      Counter.builder(NAME)
          .description("Pages and ticket operations, by outcome")
          .tag("channel", d.channel().name())
          .tag("operation", d.operation())
          .tag("status", d.status().name())
          .register(registry)
          .increment();
    }
    return deliveries;
  }
}
