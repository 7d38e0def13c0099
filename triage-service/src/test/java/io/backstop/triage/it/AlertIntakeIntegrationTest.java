package io.backstop.triage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.SymptomKind;
import io.backstop.stream.testing.TopicProbe;
import io.backstop.triage.intake.Payloads;
import io.backstop.triage.messaging.KafkaIncidentStore;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

class AlertIntakeIntegrationTest extends TriageIntegrationSupport {

  static final String CHECKOUT_GROUP = "namespace=shop|workload=checkout";

  @Autowired KafkaIncidentStore store;

  @Test
  void aCrashLoopWebhookYieldsOneSignalsGatheredWithTheDeploymentsRealRolloutHistory()
      throws IOException {
    String body = new String(Payloads.read("firing.json"), StandardCharsets.UTF_8);

    HttpResponse<String> response = post("/api/v1/alerts/alertmanager", body);
    assertThat(response.statusCode()).isEqualTo(202);
    SignalsGathered signals = awaitSignals("checkout");

    assertThat(signals.target()).isEqualTo(Signals.CHECKOUT);
    assertThat(signals.incidentId().value()).startsWith("inc-shop-checkout-");
    assertThat(signals.rollout(Signals.CHECKOUT).orElseThrow().revisions())
        .extracting(Revision::revision, Revision::current, Revision::health)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, false, RevisionHealth.HEALTHY),
            org.assertj.core.groups.Tuple.tuple(2L, false, RevisionHealth.HEALTHY),
            org.assertj.core.groups.Tuple.tuple(3L, true, RevisionHealth.UNHEALTHY));
    assertThat(signals.symptoms()).anyMatch(s -> s.kind() == SymptomKind.CRASH_LOOP);
    assertThat(signals.evidence())
        .anyMatch(
            e ->
                e.kind() == EvidenceKind.LOG
                    && e.suspectedInjection()
                    && e.text().contains("[REDACTED:BEARER]"));
    assertThat(EventCodec.intact(signals)).isTrue();

    assertThat(post("/api/v1/alerts/alertmanager", body).statusCode()).isEqualTo(202);
    await().atMost(WAIT).until(() -> store.find(CHECKOUT_GROUP).orElseThrow().deliveries() == 2);
    assertThat(signalsFor("checkout")).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"alerts\":[{\"status\":\"firing\",\"labels\":{},\"startsAt\":\"2026-11-24T09:00:00Z\"}]}| alerts[0].labels",
        "{\"alerts\":[{\"status\":\"maybe\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-11-24T09:00:00Z\"}]}| alerts[0].status",
        "{\"alerts\":\"all of them\"}| alerts",
        "{nope| $",
      })
  void refusesAnInvalidWebhookWithAProblemNamingTheField(String body, String field) {
    HttpResponse<String> response = post("/api/v1/alerts/alertmanager", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(EventCodec.mapper().readTree(response.body()).path("field").asString())
        .isEqualTo(field);
  }

  @Test
  void refusesAnotherContentTypeWithAProblem() {
    HttpResponse<String> response = post("/api/v1/alerts/alertmanager", "text/plain", "firing");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }

  @Test
  void refusesABodyOverTheSizeLimitWithAProblem() {
    String huge = "{\"alerts\":[{\"labels\":{\"alertname\":\"" + "x".repeat(1_100_000) + "\"}}]}";

    HttpResponse<String> response = post("/api/v1/alerts/alertmanager", huge);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"field\":\"$\"");
  }

  @Test
  void acceptsTheGenericFormAndHandsItToTheAlertsTopic() {
    String body =
        "{\"source\":\"synthetics\",\"alertname\":\"ProbeFailed\",\"status\":\"firing\","
            + "\"labels\":{\"namespace\":\"generic\",\"deployment\":\"web\"}}";

    HttpResponse<String> response = post("/api/v1/alerts", body);

    assertThat(response.statusCode()).isEqualTo(202);
    SignalsGathered signals = awaitSignals("web");
    assertThat(signals.missingSources()).anyMatch(s -> s.startsWith("kubernetes.pods"));
  }

  SignalsGathered awaitSignals(String workload) {
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.readUntil(
          Topics.SIGNALS,
          records ->
              records.stream()
                  .map(r -> EventCodec.decode(r.value()))
                  .anyMatch(e -> isFor(e, workload)),
          WAIT);
    }
    return (SignalsGathered) signalsFor(workload).get(0);
  }

  List<IncidentEvent> signalsFor(String workload) {
    return TopicReader.events(bootstrap, Topics.SIGNALS).stream()
        .filter(e -> isFor(e, workload))
        .toList();
  }

  static boolean isFor(IncidentEvent e, String workload) {
    return e instanceof SignalsGathered s && s.target().name().equals(workload);
  }
}
