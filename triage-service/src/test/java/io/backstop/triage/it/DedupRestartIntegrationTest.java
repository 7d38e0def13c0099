package io.backstop.triage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.backstop.triage.messaging.KafkaIncidentStore;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Dedup state survives a restart: a triage instance admits an alert and gathers its signals, stops;
 * a new instance (same consumer group, fresh memory) receives a duplicate of the alert and rebuilds
 * the group state from the compacted incidents topic, so no second SignalsGathered appears. The two
 * instances read their own alerts topic, so the shared context of the other tests stays out of it.
 */
class DedupRestartIntegrationTest extends TriageIntegrationSupport {

  static final String TOPIC = "backstop.alerts.restart-test.v1";
  static final String GROUP = "namespace=restart|workload=svc";

  @Test
  void aDuplicateAfterARestartAttachesToTheIncidentInsteadOfOpeningAnother() throws Exception {
    createTopic();
    AlertReceived alert = alert();
    try (var probe = TopicProbe.connect(bootstrap)) {
      try (ConfigurableApplicationContext first = start()) {
        probe.send(TOPIC, alert);
        probe.readUntil(
            Topics.SIGNALS,
            records ->
                records.stream().anyMatch(r -> isRestartSignals(EventCodec.decode(r.value()))),
            WAIT);
      }
      try (ConfigurableApplicationContext second = start()) {
        probe.send(TOPIC, alert);
        KafkaIncidentStore store = second.getBean(KafkaIncidentStore.class);
        await()
            .atMost(WAIT)
            .until(() -> store.find(GROUP).map(s -> s.deliveries() == 2).orElse(false));
      }
    }
    assertThat(
            TopicReader.events(bootstrap, Topics.SIGNALS).stream()
                .filter(DedupRestartIntegrationTest::isRestartSignals))
        .hasSize(1);
  }

  static boolean isRestartSignals(io.backstop.events.IncidentEvent e) {
    return e instanceof SignalsGathered s && s.target().namespace().equals("restart");
  }

  /** Command-line arguments, so they win over application.yml as they would in production. */
  ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(TriageApplication.class)
        .web(WebApplicationType.NONE)
        .run(
            "--spring.main.banner-mode=off",
            "--spring.kafka.bootstrap-servers=" + bootstrap,
            "--spring.cloud.stream.bindings.admitAlert-in-0.destination=" + TOPIC,
            "--spring.cloud.stream.bindings.admitAlert-in-0.group=triage-restart-test",
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

  static AlertReceived alert() {
    return new AlertReceived(
        EventHeader.first(
            IncidentId.of("alert-restart-svc"), "test|restart-1", Stage.INTAKE, Fixtures.NOW),
        "kafka-producer",
        "restart-1",
        null,
        "HighErrorRatio",
        AlertSeverity.CRITICAL,
        AlertStatus.FIRING,
        Map.of("alertname", "HighErrorRatio", "namespace", "restart", "deployment", "svc"),
        Map.of("summary", "svc errors"),
        Fixtures.minutesAgo(3),
        null,
        null,
        0);
  }
}
