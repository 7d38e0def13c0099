package io.backstop.stream.it;

import io.backstop.events.AlertReceived;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.Inbound;
import io.backstop.stream.batch.Batches;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * A one-hop pipeline for the tests: {@code escalateAlert} reads an alert and emits an {@code
 * Escalated} reacting to it, the way every real function bean maps in, decides, and publishes. An
 * alert named {@value #ALWAYS_FAILS} fails every time, standing for a transient error that never
 * clears; one named {@value #FAILS_AFTER_PUBLISHING} fails every time after it has published.
 */
@SpringBootApplication
public class StreamTestApplication {

  static final String ALWAYS_FAILS = "AlwaysFails";
  static final String FAILS_AFTER_PUBLISHING = "FailsAfterPublishing";

  @Bean
  Clock clock() {
    return Fixtures.CLOCK;
  }

  @Bean
  Invocations invocations() {
    return new Invocations();
  }

  @Bean
  BatchSizes batchSizes() {
    return new BatchSizes();
  }

  /** The same hop as {@link #escalateAlert}, in batches: one transaction per poll. */
  @Bean
  Consumer<Message<List<byte[]>>> escalateAlerts(
      Batches batches,
      EventPublisher publisher,
      Clock clock,
      Invocations invocations,
      BatchSizes sizes,
      SendFlush flush) {
    Consumer<Message<byte[]>> each = escalateAlert(publisher, clock, invocations, flush);
    Consumer<Message<List<byte[]>>> batch = batches.each(each);
    return message -> {
      sizes.record(message.getPayload().size());
      batch.accept(message);
    };
  }

  /**
   * Flushes the producer of the transaction in progress: a send is buffered until the producer's
   * sender thread ships it, and an abort drops what is still buffered, so a handler that must leave
   * an aborted record on the broker (for a read_uncommitted reader to find) flushes before failing.
   * A template on the binder's transactional factory joins the same transaction, so it flushes the
   * very producer the publisher sent with.
   */
  @FunctionalInterface
  interface SendFlush {
    void flush();
  }

  @Bean
  SendFlush sendFlush(BinderFactory binders) {
    var binder = (KafkaMessageChannelBinder) binders.getBinder(null, MessageChannel.class);
    KafkaTemplate<byte[], byte[]> template =
        new KafkaTemplate<>(binder.getTransactionalProducerFactory());
    return template::flush;
  }

  @Bean
  Consumer<Message<byte[]>> escalateAlert(
      EventPublisher publisher, Clock clock, Invocations invocations, SendFlush flush) {
    return message -> {
      invocations.record(message.getPayload());
      AlertReceived alert = Inbound.read(message, AlertReceived.class);
      if (ALWAYS_FAILS.equals(alert.alertname())) {
        throw new IllegalStateException("downstream unavailable for " + alert.incidentId());
      }
      publisher.publish(escalation(alert, clock));
      if (FAILS_AFTER_PUBLISHING.equals(alert.alertname())) {
        flush.flush();
        throw new IllegalStateException("failed after publishing for " + alert.incidentId());
      }
    };
  }

  static Escalated escalation(AlertReceived alert, Clock clock) {
    EventHeader header =
        EventHeader.reactingTo(alert, Stage.GUARDRAIL, Escalated.class, 1, clock.instant());
    return new Escalated(
        header,
        EscalationReason.HUMAN_ACTION_RECOMMENDED,
        alert.severity(),
        null,
        "alert " + alert.alertname() + " needs a human",
        "look at the dashboards",
        List.of());
  }
}
