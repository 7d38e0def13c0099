package io.backstop.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.AlertReceived;
import io.backstop.events.SignalsGathered;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.codec.EventIntegrityException;
import io.backstop.events.fixtures.Alerts;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InboundTest {

  @Test
  void readsAnIntactSealedEventOfTheExpectedType() {
    AlertReceived alert = Alerts.checkoutErrorRate();

    assertThat(Inbound.read(EventCodec.encode(alert), AlertReceived.class)).isEqualTo(alert);
  }

  @Test
  void refusesASealedEventWhoseContentWasEdited() {
    String json = EventCodec.encodeToString(Alerts.checkoutErrorRate());
    byte[] edited = json.replace("\"CRITICAL\"", "\"WARNING\"").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Inbound.read(edited, AlertReceived.class))
        .isInstanceOf(EventIntegrityException.class);
  }

  @Test
  void acceptsAnUnsealedAlertFromAnOutsideProducerOnlyWhenAskedTo() {
    AlertReceived alert = Alerts.checkoutErrorRate();
    AlertReceived unsealed = alert.withHeader(alert.header().withHash(null));
    byte[] bytes = EventCodec.encode(unsealed);

    assertThat(Inbound.read(bytes, AlertReceived.class, Inbound.Seal.OPTIONAL)).isEqualTo(unsealed);
    assertThatThrownBy(() -> Inbound.read(bytes, AlertReceived.class))
        .isInstanceOf(EventIntegrityException.class)
        .hasMessageContaining("not sealed");
  }

  @Test
  void refusesAnUnsealedEventOfAnyStageEvenWhenItsContentIsValid() {
    SignalsGathered signals = io.backstop.events.fixtures.Signals.badDeploy();
    byte[] unsealed = EventCodec.encode(signals.withHeader(signals.header().withHash(null)));

    assertThatThrownBy(() -> Inbound.read(unsealed, SignalsGathered.class))
        .isInstanceOf(EventIntegrityException.class);
    assertThatThrownBy(() -> Inbound.read(unsealed, SignalsGathered.class, Inbound.Seal.OPTIONAL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsAnEventANewerProducerSealedWithAFieldThisVersionDoesNotKnow() {
    AlertReceived alert = Alerts.checkoutErrorRate();
    var tree =
        (tools.jackson.databind.node.ObjectNode)
            EventCodec.mapper().readTree(EventCodec.encode(alert));
    tree.put("routedBy", "edge-2");
    ((tools.jackson.databind.node.ObjectNode) tree.get("header")).remove("hash");
    ((tools.jackson.databind.node.ObjectNode) tree.get("header"))
        .put("hash", EventCodec.hash(EventCodec.mapper().writeValueAsBytes(tree)));
    byte[] newer = EventCodec.mapper().writeValueAsBytes(tree);

    AlertReceived read = Inbound.read(newer, AlertReceived.class);

    assertThat(read.eventId()).isEqualTo(alert.eventId());
    assertThat(EventCodec.intact(read)).as("the re-encoded record lost the new field").isFalse();
  }

  @Test
  void refusesAnEventWhoseEmbeddedCauseWasEditedAndResealedAtTheTop() {
    var approval = io.backstop.events.fixtures.Decisions.rollbackApproved();
    var tree =
        (tools.jackson.databind.node.ObjectNode)
            EventCodec.mapper().readTree(EventCodec.encode(approval));
    ((tools.jackson.databind.node.ObjectNode) tree.get("diagnosis")).put("confidence", 0.99);
    ((tools.jackson.databind.node.ObjectNode) tree.get("header")).remove("hash");
    ((tools.jackson.databind.node.ObjectNode) tree.get("header"))
        .put("hash", EventCodec.hash(EventCodec.mapper().writeValueAsBytes(tree)));
    byte[] edited = EventCodec.mapper().writeValueAsBytes(tree);

    assertThat(EventCodec.verify(edited)).as("the top-level hash alone matches").isNotNull();
    assertThatThrownBy(() -> Inbound.read(edited, io.backstop.events.ActionApproved.class))
        .isInstanceOf(EventIntegrityException.class)
        .hasMessageContaining("diagnosis");
  }

  @Test
  void readsAnApprovalWhoseEmbeddedSignalsCarryAFieldThisVersionDoesNotKnow() {
    var approval = io.backstop.events.fixtures.Decisions.rollbackApproved();
    var tree =
        (tools.jackson.databind.node.ObjectNode)
            EventCodec.mapper().readTree(EventCodec.encode(approval));
    var signals = (tools.jackson.databind.node.ObjectNode) tree.get("diagnosis").get("signals");
    var diagnosis = (tools.jackson.databind.node.ObjectNode) tree.get("diagnosis");
    signals.put("gatheredByVersion", "2.0");
    reseal(signals);
    ((tools.jackson.databind.node.ObjectNode) diagnosis.get("header"))
        .put("parentHash", signals.get("header").get("hash").asString());
    reseal(diagnosis);
    ((tools.jackson.databind.node.ObjectNode) tree.get("header"))
        .put("parentHash", diagnosis.get("header").get("hash").asString());
    reseal(tree);
    byte[] newer = EventCodec.mapper().writeValueAsBytes(tree);

    var read = Inbound.read(newer, io.backstop.events.ActionApproved.class);

    assertThat(read.actionId()).isEqualTo(approval.actionId());
    assertThat(EventCodec.intact(read.diagnosis().signals()))
        .as("re-hashing the decoded signals would have called them tampered")
        .isFalse();
  }

  private static void reseal(tools.jackson.databind.node.ObjectNode event) {
    ((tools.jackson.databind.node.ObjectNode) event.get("header")).remove("hash");
    ((tools.jackson.databind.node.ObjectNode) event.get("header"))
        .put("hash", EventCodec.hash(EventCodec.mapper().writeValueAsBytes(event)));
  }

  @Test
  void refusesAnEventOfAnotherTypeNamingTheTypeField() {
    byte[] alert = EventCodec.encode(Alerts.checkoutErrorRate());

    assertThatThrownBy(() -> Inbound.read(alert, SignalsGathered.class))
        .isInstanceOf(EventDecodingException.class)
        .satisfies(e -> assertThat(((EventDecodingException) e).field()).isEqualTo("type"));
  }

  @Test
  void receivingReportsAnEditedSealInsteadOfThrowingAndReadingThrowsTheSameBreach() {
    String json = EventCodec.encodeToString(Alerts.checkoutErrorRate());
    byte[] edited = json.replace("\"CRITICAL\"", "\"WARNING\"").getBytes(StandardCharsets.UTF_8);

    Inbound.Received<AlertReceived> received =
        Inbound.receive(edited, AlertReceived.class, Inbound.Seal.REQUIRED);

    assertThat(received.event().eventId()).isEqualTo(Alerts.checkoutErrorRate().eventId());
    assertThat(received.bytes()).isEqualTo(edited);
    assertThat(received.breach()).get().isInstanceOf(EventIntegrityException.class);
    assertThatThrownBy(received::intact).isSameAs(received.breach().get());
  }

  @Test
  void receivingAnUnsealedEventReportsItAsABreachOnlyWhenTheSealIsRequired() {
    AlertReceived alert = Alerts.checkoutErrorRate();
    byte[] unsealed = EventCodec.encode(alert.withHeader(alert.header().withHash(null)));

    assertThat(Inbound.receive(unsealed, AlertReceived.class, Inbound.Seal.REQUIRED).breach())
        .get()
        .satisfies(e -> assertThat(e).hasMessageContaining("not sealed"));
    assertThat(Inbound.receive(unsealed, AlertReceived.class, Inbound.Seal.OPTIONAL).breach())
        .isEmpty();
  }

  @Test
  void receivingStillThrowsForBytesThatAreNotAnEventOfTheType() {
    byte[] alert = EventCodec.encode(Alerts.checkoutErrorRate());

    assertThatThrownBy(() -> Inbound.receive(alert, SignalsGathered.class, Inbound.Seal.REQUIRED))
        .isInstanceOf(EventDecodingException.class);
    assertThatThrownBy(
            () ->
                Inbound.receive("not json".getBytes(), AlertReceived.class, Inbound.Seal.OPTIONAL))
        .isInstanceOf(EventDecodingException.class);
  }

  @Test
  void checkingAReplayedEventFindsAnEmbeddedCauseEditedAndResealedAtTheTop() {
    var approval = io.backstop.events.fixtures.Decisions.rollbackApproved();
    var tree =
        (tools.jackson.databind.node.ObjectNode)
            EventCodec.mapper().readTree(EventCodec.encode(approval));
    ((tools.jackson.databind.node.ObjectNode) tree.get("diagnosis")).put("confidence", 0.99);
    reseal(tree);
    byte[] edited = EventCodec.mapper().writeValueAsBytes(tree);
    var decoded = EventCodec.decode(edited, io.backstop.events.ActionApproved.class);

    assertThat(Inbound.check(decoded, edited, Inbound.Seal.REQUIRED).breach())
        .get()
        .satisfies(e -> assertThat(e).hasMessageContaining("diagnosis"));
    assertThat(Inbound.check(approval, EventCodec.encode(approval), Inbound.Seal.REQUIRED).breach())
        .isEmpty();
    assertThatThrownBy(() -> Inbound.check(decoded, edited, Inbound.Seal.OPTIONAL))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
