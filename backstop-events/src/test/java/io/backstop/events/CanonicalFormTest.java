package io.backstop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.codec.EventIntegrityException;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.fixtures.Surroundings;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hash is over the document, not the record: a consumer of another contract version checks
 * exactly what the producer sealed, and nothing else about the bytes (whitespace, key order, how a
 * number is spelled) changes it.
 */
class CanonicalFormTest {

  static Stream<IncidentEvent> events() {
    return Stream.of(
        Alerts.checkoutErrorRate(),
        Signals.badDeploy(),
        Surroundings.victimOfLeak(),
        Diagnoses.honestRollback(),
        Decisions.rollbackApproved(),
        Decisions.rollbackVerified(),
        Decisions.actionBlocked());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void theHashOfTheRecordIsTheHashOfTheBytesItIsWrittenAs(IncidentEvent event) {
    byte[] written = EventCodec.encode(event);

    assertThat(EventCodec.hash(written)).isEqualTo(event.header().hash());
    assertThat(EventCodec.verify(written)).isEqualTo(event);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void prettyPrintingDoesNotChangeTheHash(IncidentEvent event) {
    byte[] pretty = EventCodec.encodePretty(event).getBytes(StandardCharsets.UTF_8);

    assertThat(EventCodec.hash(pretty)).isEqualTo(event.header().hash());
  }

  @Test
  void aFieldFromANewerContractIsCoveredByTheHashThoughThisReaderDropsIt() {
    ObjectNode newer = tree(Signals.badDeploy());
    newer.put("fieldOfANewerContract", "seen by the producer");
    ((ObjectNode) newer.get("header")).put("hash", hashOf(newer));
    byte[] received = bytes(newer);

    IncidentEvent read = EventCodec.verify(received);

    assertThat(read.header().hash()).isEqualTo(hashOf(newer));
    assertThat(EventCodec.encodeToString(read)).doesNotContain("fieldOfANewerContract");
  }

  @Test
  void editingAFieldThisReaderDoesNotKnowStillBreaksTheHash() {
    ObjectNode newer = tree(Signals.badDeploy());
    newer.put("fieldOfANewerContract", "as sealed");
    ((ObjectNode) newer.get("header")).put("hash", hashOf(newer));
    newer.put("fieldOfANewerContract", "edited in transit");

    assertThatThrownBy(() -> EventCodec.verify(bytes(newer)))
        .isInstanceOf(EventIntegrityException.class);
  }

  @Test
  void aNumberSpelledDifferentlyIsTheSameNumber() {
    ObjectNode json = tree(Diagnoses.honestRollback());
    String confidence = json.get("confidence").asString();
    String written = new String(bytes(json), StandardCharsets.UTF_8);
    String respelled =
        written.replace("\"confidence\":" + confidence, "\"confidence\":" + confidence + "000");

    assertThat(respelled).isNotEqualTo(written);
    assertThat(EventCodec.hash(respelled.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Diagnoses.honestRollback().header().hash());
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0e-7})
  void aConfidenceNoModelShouldWriteStillSealsAndVerifies(double confidence) {
    var honest = Diagnoses.honestRollback();
    var odd =
        Diagnoses.proposal(
            Signals.badDeploy(),
            honest.hypothesis(),
            honest.suspectedResource(),
            honest.suspectedDeploySha(),
            confidence,
            honest.citedEvidence(),
            honest.action(),
            honest.answeredBy(),
            honest.tier(),
            honest.calls());

    assertThat(EventCodec.verify(EventCodec.encode(odd)).header().hash())
        .isEqualTo(odd.header().hash());
  }

  @Test
  void anEditedValueFailsVerificationOverTheBytes() {
    ObjectNode json = tree(Diagnoses.honestRollback());
    json.put("confidence", 0.99);

    assertThatThrownBy(() -> EventCodec.verify(bytes(json)))
        .isInstanceOf(EventIntegrityException.class);
  }

  @Test
  void bytesThatAreNotAnEventObjectAreANamedDecodingError() {
    assertThatThrownBy(() -> EventCodec.hash("[1,2]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> EventCodec.verify("{oops".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EventDecodingException.class);
    assertThatThrownBy(() -> EventCodec.verify(new byte[0]))
        .isInstanceOf(EventDecodingException.class);
  }

  private static ObjectNode tree(IncidentEvent event) {
    return (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(event));
  }

  private static byte[] bytes(ObjectNode json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String hashOf(ObjectNode json) {
    return EventCodec.hash(bytes(json));
  }
}
