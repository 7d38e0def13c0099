package io.backstop.escalation.messaging;

import io.backstop.escalation.DeadLetterNotice;
import io.backstop.escalation.Escalator;
import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.codec.EventIntegrityException;
import io.backstop.stream.Inbound;
import io.backstop.stream.deadletter.DeadLetterHeaders;
import io.backstop.stream.publish.CloudEventHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * The hops: {@code escalateToHuman} (on {@code backstop.escalations.v1}), {@code reportOutcome} (on
 * {@code backstop.outcomes.v1}), {@code requestApproval} (on {@code backstop.approvals.v1}) and
 * {@code announceApproval} (a person's approval, from {@code backstop.audit.v1}). Each decodes
 * strictly (an unreadable or tampered record is poison and goes to the topic's {@code .dlq}) and
 * hands the event to the {@link Escalator}, whose deliveries are emitted in the consumer's
 * transaction.
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

  /**
   * A person must approve an exact write: page with the console link, open the ticket. The news of
   * a person's approval is dead-lettered to this topic's {@code .dlq} (its own input is the audit
   * log), so a replayed {@code ActionApproved} arriving here is announced again.
   */
  @Bean
  public Consumer<Message<byte[]>> requestApproval(Escalator escalator, DeliveryMetrics metrics) {
    return message -> {
      if (APPROVED_TYPE.equals(header(message, CloudEventHeaders.TYPE))
          || "ActionApproved".equals(typeField(message.getPayload()))) {
        metrics.count(
            escalator.onApproved(read(message, ActionApproved.class), message.getPayload()));
        return;
      }
      metrics.count(
          escalator.onApprovalRequested(
              read(message, io.backstop.events.ApprovalRequested.class), message.getPayload()));
    };
  }

  /**
   * A person's approval went through: tell the ticket and the open page. The guardrail's {@code
   * ActionApproved} travels on the actions topic, which only the executor reads; this hop reads its
   * copy on the audit log (which escalation-service reads anyway) in a consumer group of its own
   * kind, skipping every other record by its {@code ce_type} header before decoding anything (a
   * record without the header is judged by its {@code type} field). An audit record it cannot read
   * is counted and logged, never dead-lettered: the audit log is not this service's to judge (the
   * executor dead-letters the actions topic's copy).
   */
  @Bean
  public Consumer<Message<byte[]>> announceApproval(Escalator escalator, DeliveryMetrics metrics) {
    return message -> {
      String type = header(message, CloudEventHeaders.TYPE);
      boolean approval =
          type == null
              ? "ActionApproved".equals(typeField(message.getPayload()))
              : APPROVED_TYPE.equals(type);
      if (!approval) {
        return;
      }
      ActionApproved approved;
      try {
        Inbound.Received<ActionApproved> received =
            Inbound.receive(message, ActionApproved.class, Inbound.Seal.REQUIRED);
        if (!received.event().humanApproved()) {
          return; // the guardrail's own approval: the outcome tells the ticket
        }
        approved = received.intact();
      } catch (EventDecodingException | EventIntegrityException e) {
        LOG.error(
            "audit record {} at offset {} is an unreadable ActionApproved; not announced: {}",
            header(message, KafkaHeaders.RECEIVED_KEY),
            message.getHeaders().get(KafkaHeaders.OFFSET),
            e.getMessage());
        return;
      }
      metrics.count(escalator.onApproved(approved, message.getPayload()));
    };
  }

  /**
   * A record some hop dead-lettered (any of the pipeline's {@code .dlq} topics, see {@code
   * ServicePrincipal.followedDeadLetters()}): page and ticket "Backstop could not process ...:
   * handle the alert by hand", once per dead-lettered record. It never throws on what the record
   * holds (a garbage key, value or header has a named fallback in {@link DeadLetterNotice}), so it
   * never dead-letters its own input. It skips this service's own undelivered pages and tickets
   * ({@code backstop_error_class} {@code Undelivered...}): those are the pager or ticket server
   * refusing a request, already logged at ERROR and recorded DEAD_LETTERED, and paging about them
   * would ask the receiver that refused.
   */
  @Bean
  public Consumer<Message<byte[]>> escalateDeadLetter(
      Escalator escalator, DeliveryMetrics metrics) {
    return message -> {
      String errorClass = header(message, DeadLetterHeaders.ERROR_CLASS);
      if (errorClass != null && errorClass.startsWith(UNDELIVERED)) {
        return;
      }
      DeadLetterNotice notice = notice(message, errorClass);
      LOG.error(
          "{} ({} partition {} offset {})",
          notice.sentence(),
          notice.topic(),
          notice.partition(),
          notice.offset());
      metrics.count(escalator.onDeadLetter(notice));
    };
  }

  private static final String UNDELIVERED = "Undelivered";

  static DeadLetterNotice notice(Message<byte[]> message, String errorClass) {
    Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
    byte[] keyBytes =
        key instanceof byte[] b
            ? b
            : key == null ? null : key.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Object timestamp = message.getHeaders().get(KafkaHeaders.RECEIVED_TIMESTAMP);
    return DeadLetterNotice.of(
        new DeadLetterNotice.Received(
            header(message, KafkaHeaders.RECEIVED_TOPIC),
            message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION) instanceof Integer p ? p : -1,
            message.getHeaders().get(KafkaHeaders.OFFSET) instanceof Long o ? o : -1L,
            keyBytes,
            message.getPayload(),
            header(message, CloudEventHeaders.TYPE),
            errorClass,
            header(message, DeadLetterHeaders.ERROR_MESSAGE),
            timestamp instanceof Long t ? java.time.Instant.ofEpochMilli(t) : null));
  }

  private static final String APPROVED_TYPE = "io.backstop.ActionApproved.v1";

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(EscalationFunctions.class);

  /** The event's {@code type} field, or null when the bytes are not a JSON object with one. */
  private static String typeField(byte[] payload) {
    try {
      var type = EventCodec.mapper().readTree(payload).get("type");
      return type == null ? null : type.asText();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String header(Message<byte[]> message, String name) {
    Object value = message.getHeaders().get(name);
    if (value instanceof byte[] bytes) {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
    return value == null ? null : value.toString();
  }

  /** Decoded and checked over the bytes as received (see {@link Inbound}). */
  static <T extends IncidentEvent> T read(Message<byte[]> message, Class<T> type) {
    return Inbound.read(message, type);
  }
}
