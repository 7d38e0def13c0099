package io.backstop.stream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.AlertReceived;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.stream.testing.TopicProbe;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

@StreamIntegration
class RedeliveryIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @Test
  void redeliveredStepLandsUnderTheSameAuditKeyOnTheIncidentsPartition() {
    String incident = "redelivered";
    AlertReceived alert = TestAlerts.alert(incident);

    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.ALERTS, alert);
      probe.send(Topics.ALERTS, alert);

      List<ConsumerRecord<String, byte[]>> audit =
          probe
              .readUntil(
                  Topics.AUDIT,
                  rs -> rs.stream().filter(r -> r.key().startsWith(incident + "/")).count() >= 2,
                  WAIT)
              .stream()
              .filter(r -> r.key().startsWith(incident + "/"))
              .toList();

      assertThat(audit).hasSize(2);
      assertThat(audit.get(0).key()).isEqualTo(audit.get(1).key());
      assertThat(audit.get(0).partition()).isEqualTo(audit.get(1).partition());
      IncidentEvent first = EventCodec.decode(audit.get(0).value());
      IncidentEvent second = EventCodec.decode(audit.get(1).value());
      assertThat(second.eventId()).isEqualTo(first.eventId());
      assertThat(first.header().causationId()).isEqualTo(alert.eventId());
      assertThat(audit.get(0).key()).isEqualTo(incident + "/" + first.eventId());
    }
  }
}
