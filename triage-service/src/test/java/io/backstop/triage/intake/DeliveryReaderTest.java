package io.backstop.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.AlertReceived;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.redaction.Redactor;
import io.backstop.triage.incident.AlertGrouping;
import io.backstop.triage.incident.GroupingPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryReaderTest {

  private final DeliveryReader reader =
      new DeliveryReader(
          IntakeLimits.defaults(), new AlertGrouping(GroupingPolicy.defaults()), new Redactor());

  @Test
  void readsAFiringAlertWithItsLabelsRedactedAnnotationsAndCommonAnnotations() throws IOException {
    AlertReceived alert = reader.alertmanager(Payloads.read("firing.json"), Fixtures.NOW).get(0);

    assertThat(alert.source()).isEqualTo("alertmanager");
    assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(alert.severity()).isEqualTo(AlertSeverity.CRITICAL);
    assertThat(alert.alertname()).isEqualTo("KubePodCrashLooping");
    assertThat(alert.fingerprint()).isEqualTo("a3f1c9d2b4e6f801");
    assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-11-24T09:49:30.123Z"));
    assertThat(alert.endsAt()).isNull();
    assertThat(alert.annotations())
        .containsEntry("runbook_url", "https://runbooks.shop.local/crashloop");
    assertThat(alert.annotations().get("description"))
        .contains("token=[REDACTED:TOKEN]")
        .doesNotContain("s3cr3tT0kenValue99");
    assertThat(alert.header().hash())
        .as("sealed once, by the publisher that carries it out")
        .isNull();
  }

  @Test
  void readsAResolvedAlertWithItsEnd() throws IOException {
    AlertReceived alert = reader.alertmanager(Payloads.read("resolved.json"), Fixtures.NOW).get(0);

    assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(alert.endsAt()).isEqualTo(Instant.parse("2026-11-24T10:20:00Z"));
  }

  @Test
  void readsEveryAlertOfAGroupedDeliveryAndMarksTheTruncatedCount() throws IOException {
    List<AlertReceived> alerts =
        reader.alertmanager(Payloads.read("grouped-truncated.json"), Fixtures.NOW);

    assertThat(alerts)
        .extracting(a -> a.labels().get("deployment"))
        .containsExactly("checkout", "cart");
    assertThat(alerts)
        .allSatisfy(
            a ->
                assertThat(a.annotations())
                    .containsEntry("backstop.io/truncated-alerts", "17")
                    .containsEntry("summary", "5xx ratio above 5%"));
    assertThat(alerts.get(1).startsAt()).isEqualTo(Instant.parse("2026-11-24T09:52:00Z"));
    assertThat(alerts.get(0).incidentId()).isNotEqualTo(alerts.get(1).incidentId());
  }

  @Test
  void givesADuplicateDeliveryTheSameEventId() throws IOException {
    AlertReceived first = reader.alertmanager(Payloads.read("firing.json"), Fixtures.NOW).get(0);
    AlertReceived again =
        reader.alertmanager(Payloads.read("firing.json"), Fixtures.NOW.plusSeconds(30)).get(0);

    assertThat(again.eventId()).isEqualTo(first.eventId());
    assertThat(again.incidentId()).isEqualTo(first.incidentId());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"alerts\":[]}| alerts",
        "{\"alerts\":[{\"status\":\"firing\",\"labels\":{},\"startsAt\":\"2026-11-24T09:00:00Z\"}]}| alerts[0].labels",
        "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"severity\":\"x\"},\"startsAt\":\"2026-11-24T09:00:00Z\"}]}| alerts[0].labels.alertname",
        "{\"alerts\":[{\"status\":\"burning\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-11-24T09:00:00Z\"}]}| alerts[0].status",
        "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"yesterday\"}]}| alerts[0].startsAt",
        "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"}}]}| alerts[0].startsAt",
        "{\"alerts\":[{\"status\":\"firing\",\"labels\":[\"alertname\"],\"startsAt\":\"2026-11-24T09:00:00Z\"}]}| alerts[0].labels",
        "{\"alerts\": 7}| alerts",
        "not json| $",
        "{\"status\":\"firing\",\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-11-24T09:00:00Z\"}]}| alerts[0].status",
        "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"+99999-01-01T00:00:00Z\"}]}| alerts[0].startsAt",
        "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-11-24T10:30:00Z\"}]}| alerts[0].startsAt",
        "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"1970-01-01T00:00:00Z\"}]}| alerts[0].startsAt",
        "{\"alerts\":[{\"status\":\"resolved\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-11-24T09:00:00Z\",\"endsAt\":\"2026-11-24T08:00:00Z\"}]}| alerts[0].endsAt",
        "{\"alerts\":[{\"status\":\"resolved\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-11-24T09:00:00Z\",\"endsAt\":\"+99999-01-01T00:00:00Z\"}]}| alerts[0].endsAt",
        "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"name\\u0007space\":\"x\"},\"startsAt\":\"2026-11-24T09:00:00Z\"}]}| alerts[0].labels.name\\u0007space",
      })
  void refusesAnInvalidDeliveryNamingTheField(String body, String field) {
    assertThatThrownBy(
            () -> reader.alertmanager(body.getBytes(StandardCharsets.UTF_8), Fixtures.NOW))
        .isInstanceOfSatisfying(
            InvalidAlertException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.status()).isEqualTo(400);
            });
  }

  @Test
  void givesTwoDistinctAlertsThatShareAFingerprintDistinctEventIds() {
    String body =
        "{\"alerts\":["
            + "{\"status\":\"firing\",\"fingerprint\":\"f00d\",\"startsAt\":\"2026-11-24T09:00:00Z\","
            + "\"labels\":{\"alertname\":\"A\",\"namespace\":\"shop\",\"deployment\":\"cart\"}},"
            + "{\"status\":\"firing\",\"fingerprint\":\"f00d\",\"startsAt\":\"2026-11-24T09:00:00Z\","
            + "\"labels\":{\"alertname\":\"A\",\"namespace\":\"pay\",\"deployment\":\"ledger\"}}]}";

    List<AlertReceived> alerts =
        reader.alertmanager(body.getBytes(StandardCharsets.UTF_8), Fixtures.NOW);

    assertThat(alerts.get(0).eventId()).isNotEqualTo(alerts.get(1).eventId());
    assertThat(alerts.get(0).incidentId()).isNotEqualTo(alerts.get(1).incidentId());
  }

  @Test
  void refusesAGenericAlertThatStartsYearsAhead() {
    String body =
        "{\"source\":\"x\",\"alertname\":\"X\",\"status\":\"firing\","
            + "\"startsAt\":\"+99999-01-01T00:00:00Z\"}";

    assertThatThrownBy(() -> reader.generic(body.getBytes(StandardCharsets.UTF_8), Fixtures.NOW))
        .isInstanceOfSatisfying(
            InvalidAlertException.class, e -> assertThat(e.field()).isEqualTo("startsAt"));
  }

  @Test
  void checksAnAlertPutOnTheTopicByAnOutsideProducerAsTheWebhookWould() {
    AlertReceived honest = io.backstop.events.fixtures.Alerts.checkoutErrorRate();
    AlertChecks checks = new AlertChecks(IntakeLimits.defaults());
    AlertReceived farFuture =
        new AlertReceived(
            honest.header(),
            honest.source(),
            honest.fingerprint(),
            honest.groupKey(),
            honest.alertname(),
            honest.severity(),
            honest.status(),
            honest.labels(),
            honest.annotations(),
            Instant.parse("+99999-01-01T00:00:00Z"),
            null,
            null,
            0);
    AlertReceived hugeSource =
        new AlertReceived(
            honest.header(),
            "s".repeat(5000),
            honest.fingerprint(),
            honest.groupKey(),
            honest.alertname(),
            honest.severity(),
            honest.status(),
            honest.labels(),
            honest.annotations(),
            honest.startsAt(),
            null,
            null,
            0);

    assertThat(checks.check(honest, Fixtures.NOW)).isEqualTo(honest);
    assertThatThrownBy(() -> checks.check(farFuture, Fixtures.NOW))
        .isInstanceOfSatisfying(
            InvalidAlertException.class, e -> assertThat(e.field()).isEqualTo("startsAt"));
    assertThatThrownBy(() -> checks.check(hugeSource, Fixtures.NOW))
        .isInstanceOfSatisfying(
            InvalidAlertException.class, e -> assertThat(e.field()).isEqualTo("source"));
  }

  @Test
  void refusesMoreLabelsThanTheLimit() {
    StringBuilder labels = new StringBuilder("\"alertname\":\"A\"");
    for (int i = 0; i < 70; i++) {
      labels.append(",\"l").append(i).append("\":\"v\"");
    }
    String body =
        "{\"alerts\":[{\"status\":\"firing\",\"labels\":{"
            + labels
            + "},\"startsAt\":\"2026-11-24T09:00:00Z\"}]}";

    assertThatThrownBy(
            () -> reader.alertmanager(body.getBytes(StandardCharsets.UTF_8), Fixtures.NOW))
        .isInstanceOfSatisfying(
            InvalidAlertException.class, e -> assertThat(e.field()).isEqualTo("alerts[0].labels"));
  }

  @Test
  void readsTheGenericFormDerivingFingerprintAndStart() {
    String body =
        "{\"source\":\"datadog\",\"alertname\":\"CheckoutErrors\",\"status\":\"firing\","
            + "\"severity\":\"page\",\"labels\":{\"namespace\":\"shop\",\"deployment\":\"checkout\"}}";

    AlertReceived alert = reader.generic(body.getBytes(StandardCharsets.UTF_8), Fixtures.NOW);

    assertThat(alert.source()).isEqualTo("datadog");
    assertThat(alert.severity()).isEqualTo(AlertSeverity.CRITICAL);
    assertThat(alert.startsAt()).isEqualTo(Fixtures.NOW);
    assertThat(alert.fingerprint()).hasSize(16);
    assertThat(alert.labels()).containsEntry("alertname", "CheckoutErrors");
  }

  @Test
  void refusesAGenericAlertWithoutSource() {
    String body = "{\"alertname\":\"X\",\"status\":\"firing\"}";

    assertThatThrownBy(() -> reader.generic(body.getBytes(StandardCharsets.UTF_8), Fixtures.NOW))
        .isInstanceOfSatisfying(
            InvalidAlertException.class, e -> assertThat(e.field()).isEqualTo("source"));
  }
}
