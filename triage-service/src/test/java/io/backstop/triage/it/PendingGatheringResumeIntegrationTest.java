package io.backstop.triage.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.Topics;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.testing.TopicProbe;
import io.backstop.triage.TriageApplication;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A crash between admission and publication: the admission committed the incident's pending
 * gathering ({@code gather/<incident>} on the incident state topic), but its signals were never
 * published. Whoever is given the alerts partition next gathers it and publishes the signals once,
 * chained to the admitted alert, in the transaction that tombstones the pending record. The record
 * names its alerts topic, so a triage deployment reading another alerts topic through the same
 * state topic (as this class's shared context does, partition 0 of its own topic) never gathers it
 * too.
 */
class PendingGatheringResumeIntegrationTest extends TriageIntegrationSupport {

  static final String TOPIC = "backstop.alerts.resume-test.v1";
  static final String INCIDENT = "inc-resume-svc-0123456789abcdef";

  @Test
  void anIncidentAdmittedButNeverGatheredIsGatheredOnceByTheNextOwnerOfItsPartition()
      throws Exception {
    createTopic();
    AlertReceived admitted = EventCodec.seal(admittedAlert());
    String key = "gather/" + INCIDENT;
    Map<String, Object> pending = new LinkedHashMap<>();
    pending.put("topic", TOPIC);
    pending.put("partition", 0);
    pending.put("alert", EventCodec.mapper().readTree(EventCodec.encode(admitted)));
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.TRIAGE_INCIDENTS, key, EventCodec.mapper().writeValueAsBytes(pending));

      try (ConfigurableApplicationContext owner = start()) {
        probe.readUntil(
            Topics.SIGNALS,
            records -> records.stream().anyMatch(r -> isResumed(EventCodec.decode(r.value()))),
            WAIT);
        List<ConsumerRecord<String, byte[]>> state =
            probe.readUntil(
                Topics.TRIAGE_INCIDENTS,
                records -> records.stream().anyMatch(r -> key.equals(r.key()) && r.value() == null),
                WAIT);
        List<ConsumerRecord<String, byte[]>> mine =
            state.stream().filter(r -> key.equals(r.key())).toList();
        assertThat(mine.get(mine.size() - 1).value())
            .as("the pending record is tombstoned with the signals")
            .isNull();
      }
    }
    List<SignalsGathered> signals =
        TopicReader.events(bootstrap, Topics.SIGNALS).stream()
            .filter(PendingGatheringResumeIntegrationTest::isResumed)
            .map(SignalsGathered.class::cast)
            .toList();
    assertThat(signals).hasSize(1);
    assertThat(signals.get(0).header().causationId()).isEqualTo(admitted.eventId());
    assertThat(EventCodec.intact(signals.get(0))).isTrue();
  }

  static boolean isResumed(io.backstop.events.IncidentEvent e) {
    return e instanceof SignalsGathered s && s.incidentId().value().equals(INCIDENT);
  }

  ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(TriageApplication.class)
        .web(WebApplicationType.NONE)
        .run(
            "--spring.main.banner-mode=off",
            "--spring.kafka.bootstrap-servers=" + bootstrap,
            "--spring.cloud.stream.bindings.admitAlert-in-0.destination=" + TOPIC,
            "--spring.cloud.stream.bindings.admitAlert-in-0.group=triage-resume-test",
            "--backstop.triage.kubernetes.master-url=" + MockCluster.url(),
            "--backstop.triage.kubernetes.token=read-only-test-token");
  }

  void createTopic() throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      if (!admin.listTopics().names().get().contains(TOPIC)) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
      }
    }
  }

  /** The alert as admission would have sealed it: under its canonical incident, stage TRIAGE. */
  static AlertReceived admittedAlert() {
    return new AlertReceived(
        EventHeader.first(IncidentId.of(INCIDENT), "test|resume-1", Stage.TRIAGE, Fixtures.NOW),
        "kafka-producer",
        "resume-1",
        null,
        "HighErrorRatio",
        AlertSeverity.CRITICAL,
        AlertStatus.FIRING,
        Map.of("alertname", "HighErrorRatio", "namespace", "resume", "deployment", "svc"),
        Map.of("summary", "svc errors"),
        Fixtures.minutesAgo(3),
        null,
        null,
        0);
  }
}
