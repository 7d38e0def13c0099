package io.backstop.triage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backstop.events.AlertReceived;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Signals;
import io.backstop.stream.deadletter.DeadLetterHeaders;
import io.backstop.stream.testing.TopicProbe;
import io.backstop.triage.messaging.KafkaIncidentStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AdmitAlertIntegrationTest extends TriageIntegrationSupport {

  static final int DELIVERIES = 8;
  static final int ALERTS_PER_DELIVERY = 50;

  @Autowired KafkaIncidentStore store;

  @Test
  void aStormOfDuplicateDeliveriesIsOneIncidentWithOneSignalsGathered() {
    String body = storm();
    for (int i = 0; i < DELIVERIES; i++) {
      assertThat(deliverAsAlertmanagerDoes(body)).isEqualTo(202);
    }

    int total = DELIVERIES * ALERTS_PER_DELIVERY;
    await()
        .atMost(WAIT)
        .until(
            () ->
                store
                    .find("namespace=storm|workload=api")
                    .map(s -> s.deliveries() == total)
                    .orElse(false));

    List<IncidentEvent> signals =
        TopicReader.events(bootstrap, Topics.SIGNALS).stream()
            .filter(e -> e instanceof SignalsGathered s && s.target().namespace().equals("storm"))
            .toList();
    assertThat(signals).hasSize(1);
    List<IncidentEvent> audited =
        TopicReader.events(bootstrap, Topics.AUDIT).stream()
            .filter(e -> e.incidentId().equals(signals.get(0).incidentId()))
            .toList();
    assertThat(audited).filteredOn(e -> e instanceof AlertReceived).hasSizeLessThan(30);
    // The group's state is written once per consumer transaction, not once per alert: at most one
    // record per delivery (a poll may split one in two), where a record per alert would be 400.
    assertThat(TopicReader.all(bootstrap, Topics.TRIAGE_INCIDENTS))
        .filteredOn(r -> "namespace=storm|workload=api".equals(r.key()))
        .hasSizeBetween(1, 2 * DELIVERIES);
  }

  @Test
  void poisonAndTamperedRecordsOnTheAlertsTopicGoToTheDeadLetterTopicNamingTheField() {
    String tampered =
        EventCodec.encodeToString(Alerts.checkoutErrorRate())
            .replace("\"HighErrorRatio\"", "\"AllFine\"");
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.ALERTS, "poison-1", utf8("{\"type\":\"AlertReceived\"}"));
      probe.send(Topics.ALERTS, "poison-2", EventCodec.encode(Signals.badDeploy()));
      probe.send(Topics.ALERTS, "poison-3", utf8(tampered));

      List<ConsumerRecord<String, byte[]>> dead =
          probe.readUntil(
              Topics.deadLetter(Topics.ALERTS),
              records -> records.stream().filter(r -> r.key().startsWith("poison-")).count() == 3,
              WAIT);

      assertThat(dead)
          .filteredOn(r -> r.key().startsWith("poison-"))
          .extracting(r -> TopicProbe.header(r, DeadLetterHeaders.ERROR_FIELD))
          .containsExactlyInAnyOrder("duplicateCount", "type", "header.hash");
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Alertmanager retries a delivery answered with a 5xx; so does this sender, once. (An
   * intermittent transactional-producer error under a storm surfaces as such a 5xx.)
   */
  private int deliverAsAlertmanagerDoes(String body) {
    int status = post("/api/v1/alerts/alertmanager", body).statusCode();
    return status >= 500 ? post("/api/v1/alerts/alertmanager", body).statusCode() : status;
  }

  static String storm() {
    StringBuilder alerts = new StringBuilder();
    for (int i = 0; i < ALERTS_PER_DELIVERY; i++) {
      if (i > 0) {
        alerts.append(',');
      }
      alerts.append(
          "{\"status\":\"firing\",\"labels\":{\"alertname\":\"KubePodNotReady\","
              + "\"namespace\":\"storm\",\"pod\":\"api-7d9f8c6b5d-p"
              + String.format("%04d", i)
              + "\",\"severity\":\"warning\"},\"annotations\":{\"summary\":\"pod not ready\"},"
              + "\"startsAt\":\"2026-11-24T09:40:00Z\",\"fingerprint\":\"storm"
              + i
              + "\"}");
    }
    return "{\"version\":\"4\",\"groupKey\":\"{}:{namespace=\\\"storm\\\"}\",\"status\":\"firing\","
        + "\"receiver\":\"backstop\",\"alerts\":["
        + alerts
        + "]}";
  }
}
