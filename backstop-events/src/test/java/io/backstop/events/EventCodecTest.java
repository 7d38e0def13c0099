package io.backstop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Signals;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class EventCodecTest {

  @Test
  void toleratesUnknownFieldsForForwardCompatibility() {
    ObjectNode json = tree(Alerts.checkoutErrorRate());
    json.put("addedInV2", "something new");
    ((ObjectNode) json.get("header")).put("traceParent", "00-abc-def-01");

    IncidentEvent decoded = EventCodec.decode(json.toString());

    assertThat(decoded).isEqualTo(Alerts.checkoutErrorRate());
  }

  @ParameterizedTest(name = "missing {0}")
  @CsvSource({
    "fingerprint, fingerprint",
    "alertname, alertname",
    "header, header",
    "severity, severity",
  })
  void namesTheMissingTopLevelField(String removed, String expectedField) {
    ObjectNode json = tree(Alerts.checkoutErrorRate());
    json.remove(removed);

    assertThatThrownBy(() -> EventCodec.decode(json.toString()))
        .isInstanceOfSatisfying(
            EventDecodingException.class, e -> assertThat(e.field()).isEqualTo(expectedField));
  }

  @Test
  void namesAMissingHeaderField() {
    ObjectNode json = tree(Alerts.checkoutErrorRate());
    ((ObjectNode) json.get("header")).remove("incidentId");

    assertThatThrownBy(() -> EventCodec.decode(json.toString()))
        .isInstanceOfSatisfying(
            EventDecodingException.class,
            e -> assertThat(e.field()).isEqualTo("header.incidentId"));
  }

  @Test
  void namesAFieldOfTheWrongType() {
    ObjectNode json = tree(Alerts.checkoutErrorRate());
    json.put("duplicateCount", "many");

    assertThatThrownBy(() -> EventCodec.decode(json.toString()))
        .isInstanceOfSatisfying(
            EventDecodingException.class, e -> assertThat(e.field()).isEqualTo("duplicateCount"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-02-30T10:00:00Z", "2026-12-05T10:61:00Z", "soon", "2026-12-05"})
  void namesAnImpossibleInstantByItsField(String startsAt) {
    ObjectNode json = tree(Alerts.checkoutErrorRate());
    json.put("startsAt", startsAt);
    ((ObjectNode) json.get("header")).put("occurredAt", "2026-12-05T10:00:00Z");

    assertThatThrownBy(() -> EventCodec.decode(json.toString()))
        .isInstanceOfSatisfying(
            EventDecodingException.class, e -> assertThat(e.field()).isEqualTo("startsAt"));
  }

  @Test
  void readsAnInstantWithAnOffsetAsTheSameMoment() {
    ObjectNode json = tree(Alerts.checkoutErrorRate());
    json.put("startsAt", "2026-12-05T11:00:00.5+01:00");

    AlertReceived alert =
        EventCodec.decode(json.toString().getBytes(StandardCharsets.UTF_8), AlertReceived.class);
    assertThat(alert.startsAt()).isEqualTo(java.time.Instant.parse("2026-12-05T10:00:00.500Z"));
  }

  @Test
  void namesAnUnknownEnumValueByItsField() {
    ObjectNode json = tree(Alerts.checkoutErrorRate());
    json.put("severity", "APOCALYPTIC");

    assertThatThrownBy(() -> EventCodec.decode(json.toString()))
        .isInstanceOfSatisfying(
            EventDecodingException.class, e -> assertThat(e.field()).isEqualTo("severity"));
  }

  @Test
  void rejectsAnUnknownEventType() {
    ObjectNode json = tree(Alerts.checkoutErrorRate());
    json.put("type", "DeleteNamespace");

    assertThatThrownBy(() -> EventCodec.decode(json.toString()))
        .isInstanceOfSatisfying(
            EventDecodingException.class,
            e -> {
              assertThat(e.field()).isEqualTo("type");
              assertThat(e.reason()).contains("DeleteNamespace");
            });
  }

  @Test
  void rejectsARecordWithoutAType() {
    ObjectNode json = tree(Alerts.checkoutErrorRate());
    json.remove("type");

    assertThatThrownBy(() -> EventCodec.decode(json.toString()))
        .isInstanceOfSatisfying(
            EventDecodingException.class, e -> assertThat(e.field()).isEqualTo("type"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"not json at all", "{\"type\":", "[1,2,3]", "\u0000\u0001garbage"})
  void rejectsGarbageBytesWithANamedError(String garbage) {
    assertThatThrownBy(() -> EventCodec.decode(garbage.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EventDecodingException.class);
  }

  @Test
  void rejectsAnEmptyRecord() {
    assertThatThrownBy(() -> EventCodec.decode(new byte[0]))
        .isInstanceOfSatisfying(
            EventDecodingException.class, e -> assertThat(e.field()).isEqualTo("$"));
  }

  @Test
  void rejectsTheWrongEventTypeWhenOneIsExpected() {
    byte[] alert = EventCodec.encode(Alerts.checkoutErrorRate());

    assertThatThrownBy(() -> EventCodec.decode(alert, SignalsGathered.class))
        .isInstanceOfSatisfying(
            EventDecodingException.class, e -> assertThat(e.reason()).contains("AlertReceived"));
  }

  @Test
  void namesAnInvalidEvidenceIdInsideANestedList() {
    ObjectNode json = tree(Signals.badDeploy());
    ((ObjectNode) json.get("evidence").get(2)).put("id", "X9");

    assertThatThrownBy(() -> EventCodec.decode(json.toString()))
        .isInstanceOfSatisfying(
            EventDecodingException.class, e -> assertThat(e.field()).contains("evidence"));
  }

  @Test
  void keepsAnUnsupportedActionVerbatimAndNeverExecutable() {
    ObjectNode json = tree(Diagnoses.hallucinatedRollbackAll());
    ((ObjectNode) json.get("action")).put("type", "delete");

    DiagnosisProposed decoded = (DiagnosisProposed) EventCodec.decode(json.toString());

    assertThat(decoded.action().type()).isEqualTo("delete");
    assertThat(decoded.action().actionType()).isEmpty();
    assertThat(decoded.action().supported()).isFalse();
    assertThat(EventCodec.encodeToString(decoded)).contains("\"supported\":false");
  }

  private static ObjectNode tree(IncidentEvent event) {
    return (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(event));
  }
}
