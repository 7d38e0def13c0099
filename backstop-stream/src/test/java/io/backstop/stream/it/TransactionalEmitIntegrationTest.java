package io.backstop.stream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.AlertReceived;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventIntegrityException;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.publish.AuditPartitioner;
import io.backstop.stream.testing.TopicProbe;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.messaging.MessageChannel;
import org.springframework.transaction.support.TransactionTemplate;

@StreamIntegration
class TransactionalEmitIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired EventPublisher publisher;
  @Autowired BinderFactory binders;
  @Autowired Invocations invocations;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @Test
  void publishWritesStageAndAuditRecordsWithCloudEventsHeaders() {
    Escalated sent = publisher.publish(escalation(TestAlerts.alert("tx-commit"), 1));

    try (var probe = TopicProbe.connect(bootstrap)) {
      var stage = only(probe, Topics.ESCALATIONS, "tx-commit", 1);
      var audit = only(probe, Topics.AUDIT, Topics.auditKey(sent), 1);

      assertThat(EventCodec.decode(stage.get(0).value())).isEqualTo(sent);
      assertThat(EventCodec.intact(sent)).isTrue();
      assertThat(audit.get(0).partition())
          .isEqualTo(AuditPartitioner.partition(sent.incidentId(), 3));
      var record = audit.get(0);
      assertThat(TopicProbe.header(record, "ce_specversion")).isEqualTo("1.0");
      assertThat(TopicProbe.header(record, "ce_id")).isEqualTo(sent.eventId().toString());
      assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("io.backstop.Escalated.v1");
      assertThat(TopicProbe.header(record, "ce_source")).isEqualTo("/backstop/stream-test");
      assertThat(TopicProbe.header(record, "ce_time")).isEqualTo(Fixtures.NOW.toString());
      assertThat(TopicProbe.header(record, "ce_subject")).isEqualTo("tx-commit");
      assertThat(TopicProbe.header(record, "content-type")).isEqualTo("application/json");
    }
  }

  @Test
  void abortedTransactionLeavesNeitherStageNorAuditRecord() {
    AlertReceived alert = TestAlerts.alert("tx-abort");
    Escalated aborted = EventCodec.seal(escalation(alert, 1));
    assertThatThrownBy(
            () ->
                transactions()
                    .executeWithoutResult(
                        status -> {
                          publisher.publish(aborted);
                          throw new IllegalStateException("the step failed after publishing");
                        }))
        .hasMessageContaining("the step failed");
    // A later committed event of the same incident lands on the same partitions: once it is
    // visible to read_committed, the aborted one before it can no longer appear.
    Escalated committed = publisher.publish(escalation(alert, 2));

    try (var probe = TopicProbe.connect(bootstrap)) {
      var stage = awaitKey(probe, Topics.ESCALATIONS, "tx-abort", committed);
      var audit = awaitKey(probe, Topics.AUDIT, Topics.auditKey(committed), committed);
      assertThat(decoded(stage)).containsExactly(committed);
      assertThat(decoded(audit)).containsExactly(committed);
    }
  }

  @Test
  void publishInsideAFunctionJoinsTheConsumersTransactionSoAFailedStepEmitsNothing() {
    String key = "tx-function";
    AlertReceived failing = TestAlerts.alert(key, StreamTestApplication.FAILS_AFTER_PUBLISHING);
    AlertReceived valid = TestAlerts.alert(key);
    Escalated marker = EventCodec.seal(StreamTestApplication.escalation(valid, Fixtures.CLOCK));

    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.ALERTS, failing);
      probe.send(Topics.ALERTS, valid);

      var stage =
          probe
              .readUntil(
                  Topics.ESCALATIONS,
                  rs -> rs.stream().anyMatch(r -> key.equals(r.key()) && decoded(r).equals(marker)),
                  WAIT)
              .stream()
              .filter(r -> key.equals(r.key()))
              .toList();
      // Three attempts each published before failing; all three rolled back with the consumer.
      assertThat(decoded(stage)).containsExactly(marker);
      var dead =
          probe.readUntil(
              Topics.deadLetter(Topics.ALERTS),
              rs -> rs.stream().anyMatch(r -> key.equals(r.key())),
              WAIT);
      assertThat(dead).anyMatch(r -> key.equals(r.key()));
    }
    assertThat(invocations.of(EventCodec.encode(failing))).isEqualTo(3);
  }

  @Test
  void refusesASealedEventWhoseContentWasEditedAfterSealing() {
    Escalated sealed = EventCodec.seal(escalation(TestAlerts.alert("tx-tampered"), 1));
    Escalated edited =
        new Escalated(
            sealed.header(),
            sealed.reason(),
            sealed.severity(),
            null,
            "nothing to see here",
            sealed.suggestedAction(),
            List.of());

    assertThatThrownBy(() -> publisher.publish(edited))
        .isInstanceOf(EventIntegrityException.class)
        .hasMessageContaining(sealed.eventId().toString());
  }

  private TransactionTemplate transactions() {
    var binder = (KafkaMessageChannelBinder) binders.getBinder(null, MessageChannel.class);
    return new TransactionTemplate(
        new KafkaTransactionManager<>(binder.getTransactionalProducerFactory()));
  }

  private static Escalated escalation(AlertReceived alert, int attempt) {
    Escalated first = StreamTestApplication.escalation(alert, Fixtures.CLOCK);
    if (attempt == 1) {
      return first;
    }
    var header =
        EventHeader.reactingTo(
            alert, first.header().stage(), Escalated.class, attempt, Fixtures.NOW);
    return first.withHeader(header);
  }

  private static List<ConsumerRecord<String, byte[]>> only(
      TopicProbe probe, String topic, String key, int count) {
    return probe
        .readUntil(topic, rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= count, WAIT)
        .stream()
        .filter(r -> key.equals(r.key()))
        .toList();
  }

  private static List<ConsumerRecord<String, byte[]>> awaitKey(
      TopicProbe probe, String topic, String key, Escalated marker) {
    return probe
        .readUntil(
            topic,
            rs -> rs.stream().anyMatch(r -> key.equals(r.key()) && decoded(r).equals(marker)),
            WAIT)
        .stream()
        .filter(r -> r.key().startsWith("tx-abort"))
        .toList();
  }

  private static List<Object> decoded(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(TransactionalEmitIntegrationTest::decoded).toList();
  }

  private static Object decoded(ConsumerRecord<String, byte[]> record) {
    return EventCodec.decode(record.value());
  }
}
