package io.backstop.escalation.messaging;

import io.backstop.escalation.Escalator;
import io.backstop.events.ActionExecuted;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.stream.Inbound;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The two hops: {@code escalateToHuman} (on {@code backstop.escalations.v1}) and {@code
 * reportOutcome} (on {@code backstop.outcomes.v1}). Each decodes strictly (an unreadable or
 * tampered record is poison and goes to the topic's {@code .dlq}) and hands the event to the {@link
 * Escalator}, whose deliveries are emitted in the consumer's transaction.
 */
@Configuration(proxyBeanMethods = false)
public class EscalationFunctions {

  @Bean
  DeliveryMetrics deliveryMetrics(ObjectProvider<MeterRegistry> registry) {
    return new DeliveryMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  public Consumer<Message<byte[]>> escalateToHuman(Escalator escalator, DeliveryMetrics metrics) {
    return message ->
        metrics.count(escalator.onEscalated(read(message, Escalated.class), message.getPayload()));
  }

  @Bean
  public Consumer<Message<byte[]>> reportOutcome(Escalator escalator, DeliveryMetrics metrics) {
    return message ->
        metrics.count(
            escalator.onOutcome(read(message, ActionExecuted.class), message.getPayload()));
  }

  /** A person must approve an exact write: page with the console link, open the ticket. */
  @Bean
  public Consumer<Message<byte[]>> requestApproval(Escalator escalator, DeliveryMetrics metrics) {
    return message ->
        metrics.count(
            escalator.onApprovalRequested(
                read(message, io.backstop.events.ApprovalRequested.class), message.getPayload()));
  }

  /** Decoded and checked over the bytes as received (see {@link Inbound}). */
  static <T extends IncidentEvent> T read(Message<byte[]> message, Class<T> type) {
    return Inbound.read(message, type);
  }
}
