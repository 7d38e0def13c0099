package io.backstop.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.Escalated;
import io.backstop.events.access.ServicePrincipal;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.EscalationReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

class DeadLetterNoticeTest {

  private static final Instant AT = Instant.parse("2026-12-04T19:00:00Z");

  private static DeadLetterNotice.Received received(
      String topic, String key, String value, String ceType, String cls, String message) {
    return new DeadLetterNotice.Received(
        topic,
        0,
        42,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value == null ? null : value.getBytes(StandardCharsets.UTF_8),
        ceType,
        cls,
        message,
        AT);
  }

  @Test
  void aSignalsGatheredDiagnosisCouldNotDecodeNamesItsTypeIncidentTopicAndError() {
    DeadLetterNotice n =
        DeadLetterNotice.of(
            received(
                "backstop.signals.v1.dlq",
                "inc-42/6f1c0d5e-0000-4000-8000-000000000001",
                "{\"type\":\"SignalsGathered\",\"findings\":{\"new\":1}}",
                "io.backstop.SignalsGathered.v1",
                "io.backstop.events.codec.EventDecodingException",
                "unknown SymptomKind 'NEW_THING' at findings.symptoms[0]"));

    assertThat(n.incidentKnown()).isTrue();
    assertThat(n.incident().value()).isEqualTo("inc-42");
    assertThat(n.sentence())
        .isEqualTo(
            "Backstop could not process SignalsGathered of incident inc-42 from"
                + " backstop.signals.v1 (io.backstop.events.codec.EventDecodingException: unknown"
                + " SymptomKind 'NEW_THING' at findings.symptoms[0]): handle the alert by hand");
    Escalated e = n.escalation();
    assertThat(e.reason()).isEqualTo(EscalationReason.INTERNAL_ERROR);
    assertThat(e.incidentId().value()).isEqualTo("inc-42");
    assertThat(e.summary()).startsWith(n.sentence());
    assertThat(e.suggestedAction()).contains("backstop.signals.v1.dlq partition 0 offset 42");
    assertThat(EventCodec.decode(n.received())).isEqualTo(e);
  }

  @Test
  void garbageKeyValueAndHeadersGiveANamedUnknownIncidentAndAnUnreadableRecord() {
    DeadLetterNotice n =
        DeadLetterNotice.of(
            new DeadLetterNotice.Received(
                "backstop.diagnoses.v1.dlq",
                0,
                7,
                new byte[] {(byte) 0xff, (byte) 0xfe, '/', 0, 1},
                new byte[] {(byte) 0xc3, 0x28, '{'},
                "io.backstop.<script>.v1",
                null,
                null,
                null));

    assertThat(n.incidentKnown()).isFalse();
    assertThat(n.incident().value())
        .isEqualTo("unknown-incident.backstop.diagnoses.v1.dlq.unknown-error.1970010100");
    assertThat(n.eventType()).isEmpty();
    assertThat(n.sentence())
        .isEqualTo(
            "Backstop could not process an unreadable record of an unknown incident from"
                + " backstop.diagnoses.v1 (unknown error): handle the alert by hand");
    assertThat(n.escalation().header().occurredAt()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void anIncidentIdThatIsNotValidFallsBackToTheValueThenToUnknown() {
    DeadLetterNotice fromValue =
        DeadLetterNotice.of(
            received(
                "backstop.actions.v1.dlq",
                "../../etc/passwd",
                "{\"type\":\"ActionApproved\",\"header\":{\"incidentId\":\"inc-7\"}}",
                null,
                "io.backstop.events.codec.EventIntegrityException",
                "hash mismatch"));
    assertThat(fromValue.incident().value()).isEqualTo("inc-7");
    assertThat(fromValue.eventType()).contains("ActionApproved");

    DeadLetterNotice none =
        DeadLetterNotice.of(
            received(
                "backstop.actions.v1.dlq",
                "",
                "{\"type\":\"not a type!\",\"header\":{\"incidentId\":\"a b\"}}",
                null,
                "X",
                null));
    assertThat(none.incidentKnown()).isFalse();
    assertThat(none.eventType()).isEmpty();
    assertThat(none.error()).isEqualTo("X");
  }

  @Test
  void unreadableRecordsOfOneTopicErrorAndHourShareOneIncidentAndAnythingElseSplitsThem() {
    java.util.function.BiFunction<Long, Instant, DeadLetterNotice> unreadable =
        (offset, at) ->
            DeadLetterNotice.of(
                new DeadLetterNotice.Received(
                    "backstop.signals.v1.dlq",
                    1,
                    offset,
                    new byte[] {(byte) 0xff},
                    new byte[] {'{'},
                    null,
                    "io.backstop.events.codec.EventDecodingException",
                    "record " + offset,
                    at));
    DeadLetterNotice first = unreadable.apply(10L, AT);
    DeadLetterNotice second = unreadable.apply(11L, AT.plusSeconds(3_599));

    // One page (the dedup key is the incident) and one ticket for the burst...
    assertThat(first.incident().value())
        .isEqualTo("unknown-incident.backstop.signals.v1.dlq.EventDecodingException.2026120419");
    assertThat(second.incident()).isEqualTo(first.incident());
    // ...while each record is still its own delivery, naming its own offset.
    assertThat(second.escalation().header().eventId())
        .isNotEqualTo(first.escalation().header().eventId());
    assertThat(second.escalation().suggestedAction()).contains("offset 11");

    assertThat(unreadable.apply(12L, AT.plusSeconds(3_600)).incident())
        .as("the next hour opens its own")
        .isNotEqualTo(first.incident());
    DeadLetterNotice otherError =
        DeadLetterNotice.of(
            new DeadLetterNotice.Received(
                "backstop.signals.v1.dlq", 1, 13, null, null, null, "a.b.Other", null, AT));
    assertThat(otherError.incident()).isNotEqualTo(first.incident());
    DeadLetterNotice otherTopic =
        DeadLetterNotice.of(
            new DeadLetterNotice.Received(
                "backstop.diagnoses.v1.dlq",
                1,
                10,
                null,
                null,
                null,
                "io.backstop.events.codec.EventDecodingException",
                null,
                AT));
    assertThat(otherTopic.incident()).isNotEqualTo(first.incident());
    DeadLetterNotice hostile =
        DeadLetterNotice.of(
            new DeadLetterNotice.Received(
                "t".repeat(300) + ".dlq",
                0,
                0,
                null,
                null,
                null,
                "$(rm -rf)" + "E".repeat(300),
                null,
                AT));
    assertThat(hostile.incident().value())
        .hasSizeLessThanOrEqualTo(128)
        .matches("[A-Za-z0-9._:-]+");
  }

  @Test
  void aHugeErrorIsClippedFlattenedAndRedacted() {
    String secret =
        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N";
    String huge = "line one\nline\ttwo " + secret + " " + "x".repeat(1_000_000);
    DeadLetterNotice n =
        DeadLetterNotice.of(received("backstop.alerts.v1.dlq", "inc-1", "{}", null, "E", huge));

    assertThat(n.error()).hasSizeLessThanOrEqualTo(DeadLetterNotice.MAX_ERROR + 20);
    assertThat(n.error()).endsWith("... (clipped)").doesNotContain("\n").doesNotContain("\t");
    assertThat(n.error()).doesNotContain("eyJhbGciOiJIUzI1NiJ9");
    assertThat(n.sentence()).contains("of incident inc-1 from backstop.alerts.v1 (E: line one");
  }

  @Test
  void oneDeadLetteredRecordHasOneIdWhateverItHoldsAndAnotherRecordAnother() {
    var a = received("backstop.signals.v1.dlq", "inc-1", "{}", null, "E", "m");
    var sameRecordReplayed =
        new DeadLetterNotice.Received(
            a.topic(), a.partition(), a.offset(), a.key(), a.value(), null, "E", "m", AT);
    var next =
        new DeadLetterNotice.Received(
            a.topic(), a.partition(), 43, a.key(), a.value(), null, "E", "m", AT);

    assertThat(DeadLetterNotice.of(sameRecordReplayed).escalation().eventId())
        .isEqualTo(DeadLetterNotice.of(a).escalation().eventId());
    assertThat(DeadLetterNotice.of(next).escalation().eventId())
        .isNotEqualTo(DeadLetterNotice.of(a).escalation().eventId());
  }

  @Test
  void theBindingFollowsTheDeadLetterTwinOfEveryServicesInput() {
    var yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yml"));
    Properties p = yaml.getObject();
    Set<String> followed =
        new TreeSet<>(
            Arrays.asList(
                p.getProperty("spring.cloud.stream.bindings.escalateDeadLetter-in-0.destination")
                    .split(",")));
    assertThat(followed).isEqualTo(ServicePrincipal.followedDeadLetters());
    assertThat(p.getProperty("spring.cloud.function.definition")).contains("escalateDeadLetter");
  }
}
