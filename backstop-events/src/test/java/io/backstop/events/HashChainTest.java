package io.backstop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventIntegrityException;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Signals;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class HashChainTest {

  @Test
  void aSealedEventVerifies() {
    assertThat(EventCodec.intact(Signals.badDeploy())).isTrue();
  }

  @Test
  void anEditedEventNoLongerMatchesItsHash() {
    ObjectNode json =
        (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(Diagnoses.honestRollback()));
    json.put("confidence", 0.99);

    IncidentEvent edited = EventCodec.decode(json.toString());

    assertThat(EventCodec.intact(edited)).isFalse();
    assertThatThrownBy(() -> EventCodec.verify(edited))
        .isInstanceOf(EventIntegrityException.class)
        .hasMessageContaining(edited.eventId().toString());
  }

  @Test
  void eachEventCarriesTheHashOfItsCauseAsParentHash() {
    var alert = Alerts.checkoutErrorRate();
    var signals = Signals.badDeploy();
    var diagnosis = Diagnoses.honestRollback();
    var approved = Decisions.rollbackApproved();

    assertThat(alert.header().parentHash()).isNull();
    assertThat(signals.header().parentHash()).isEqualTo(alert.header().hash());
    assertThat(diagnosis.header().parentHash()).isEqualTo(signals.header().hash());
    assertThat(approved.header().parentHash()).isEqualTo(diagnosis.header().hash());
  }

  @Test
  void rehashingAnEditedEventBreaksItsChildsParentHash() {
    var alert = Alerts.checkoutErrorRate();
    var forged =
        EventCodec.seal(
            new AlertReceived(
                alert.header().withHash(null),
                alert.source(),
                alert.fingerprint(),
                alert.groupKey(),
                "SomethingElse",
                alert.severity(),
                alert.status(),
                alert.labels(),
                alert.annotations(),
                alert.startsAt(),
                alert.endsAt(),
                alert.generatorUrl(),
                alert.duplicateCount()));

    assertThat(EventCodec.intact(forged)).isTrue();
    assertThat(Signals.badDeploy().header().parentHash()).isNotEqualTo(forged.header().hash());
  }

  @Test
  void theHashIgnoresOnlyTheHashField() {
    var signals = Signals.badDeploy();
    var sameContentOtherStoredHash = signals.withHeader(signals.header().withHash("0".repeat(64)));

    assertThat(EventCodec.hash(sameContentOtherStoredHash)).isEqualTo(signals.header().hash());
  }

  @Test
  void aDecodedEventIsCheckedOverTheBytesItCameFromWithoutASecondDecode() {
    byte[] bytes = EventCodec.encode(Decisions.rollbackApproved());
    ActionApproved read = EventCodec.decode(bytes, ActionApproved.class);

    assertThat(EventCodec.verifyChain(read, bytes)).isSameAs(read);
  }

  @Test
  void theChainCheckOfADecodedEventStillFindsAnEditedEmbeddedEvent() {
    ObjectNode json =
        (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(Decisions.rollbackApproved()));
    ((ObjectNode) json.get("diagnosis")).put("confidence", 0.99);
    // The forger re-seals the outer event over the edit, so only the embedded hash can tell.
    byte[] edited = json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ((ObjectNode) json.get("header")).put("hash", EventCodec.hash(edited));
    byte[] bytes = json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ActionApproved read = EventCodec.decode(bytes, ActionApproved.class);

    assertThatThrownBy(() -> EventCodec.verifyChain(read, bytes))
        .isInstanceOf(EventIntegrityException.class)
        .hasMessageContaining("diagnosis");
  }

  @Test
  void theChainCheckComparesTheEventsOwnStoredHashWithTheBytes() {
    byte[] bytes = EventCodec.encode(Decisions.rollbackApproved());
    ActionApproved read = EventCodec.decode(bytes, ActionApproved.class);
    ActionApproved claimsAnother = read.withHeader(read.header().withHash("0".repeat(64)));

    assertThatThrownBy(() -> EventCodec.verifyChain(claimsAnother, bytes))
        .isInstanceOf(EventIntegrityException.class);
  }
}
