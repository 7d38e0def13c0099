package io.backstop.stream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Topics;
import io.backstop.events.audit.BreakReason;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.audit.AuditLog;
import io.backstop.stream.audit.AuditLogReader;
import io.backstop.stream.replay.ReadToEnd;
import io.backstop.stream.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

@StreamIntegration
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogReaderIntegrationTest {

  private static final IncidentId TAMPERED = IncidentId.of("audit-tampered");

  @Autowired EventPublisher publisher;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  private List<IncidentEvent> chain;

  @BeforeAll
  void writeIncidents() {
    chain =
        List.of(
            Alerts.checkoutErrorRate(),
            Signals.badDeploy(),
            Diagnoses.honestRollback(),
            Decisions.rollbackApproved(),
            Decisions.rollbackVerified());
    // Recorded out of order: the reader orders by causation, not by arrival.
    for (int i : new int[] {0, 2, 1, 4, 3}) {
      publisher.record(chain.get(i));
    }
    SignalsGathered signals = Signals.badDeploy();
    publisher.record(TestAlerts.alert(TAMPERED.value()));
    SignalsGathered tampered =
        new SignalsGathered(
            signals.header().withIncident(TAMPERED),
            signals.target(),
            signals.evidence(),
            signals.rollouts(),
            signals.inventory(),
            signals.symptoms(),
            signals.anomalyOnset(),
            0,
            signals.missingSources());
    try (var probe = TopicProbe.connect(bootstrap)) {
      // Written around the publisher, which would refuse it: content edited, hash kept.
      probe.send(Topics.AUDIT, Topics.auditKey(tampered), EventCodec.encode(tampered));
      probe.send(
          Topics.AUDIT,
          TAMPERED.value() + "/garbage",
          "{not an event".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void readToEndHandsOverEveryRecordFromTheBeginningAndNamesAMissingTopic() {
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      Duration timeout = Duration.ofSeconds(30);
      List<String> keys = new ArrayList<>();

      ReadToEnd.read(
          consumer,
          ReadToEnd.partitions(consumer, Topics.AUDIT, timeout, IllegalStateException::new),
          timeout,
          r -> keys.add(r.key()),
          IllegalStateException::new);

      assertThat(keys)
          .contains(TAMPERED.value() + "/garbage")
          .containsAll(chain.stream().map(Topics::auditKey).toList());
      assertThatThrownBy(
              () ->
                  ReadToEnd.partitions(
                      consumer,
                      "backstop.no-such-topic.v1",
                      Duration.ofSeconds(5),
                      IllegalStateException::new))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("topic backstop.no-such-topic.v1 does not exist");
    }
  }

  private AuditLogReader reader() {
    return new AuditLogReader(bootstrap, Duration.ofSeconds(30));
  }

  @Test
  void readsOneIncidentBackAsAnOrderedTimelineWithAnIntactChain() {
    AuditLog log = reader().readIncident(Alerts.INCIDENT);

    var timeline = log.timeline(Alerts.INCIDENT);

    assertThat(timeline.events()).containsExactlyElementsOf(chain);
    assertThat(timeline.verify().isIntact()).isTrue();
    assertThat(log.unreadable(Alerts.INCIDENT)).isEmpty();
  }

  @Test
  void listsEveryIncidentOfTheLog() {
    assertThat(reader().readAll().incidents()).contains(Alerts.INCIDENT, TAMPERED);
  }

  @Test
  void namesTheEditedEventAndReportsTheUnreadableRecord() {
    AuditLog log = reader().readAll();

    var verification = log.timelines().get(TAMPERED).verify();

    assertThat(verification.firstBreak()).isPresent();
    assertThat(verification.firstBreak().get().eventType()).isEqualTo("SignalsGathered");
    assertThat(verification.firstBreak().get().reason()).isEqualTo(BreakReason.CONTENT_EDITED);
    assertThat(log.unreadable(TAMPERED))
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.key()).isEqualTo(TAMPERED.value() + "/garbage");
              assertThat(u.reason()).contains("cannot decode event");
            });
  }
}
