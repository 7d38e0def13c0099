package io.backstop.escalation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.Escalated;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.codec.EventIntegrityException;
import io.backstop.events.fixtures.Decisions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.support.MessageBuilder;

class EscalationFunctionsTest {

  @Test
  void readsASealedEscalation() {
    Escalated escalated = Decisions.actionBlocked();

    Escalated read =
        EscalationFunctions.read(
            MessageBuilder.withPayload(EventCodec.encode(escalated)).build(), Escalated.class);

    assertThat(read).isEqualTo(escalated);
  }

  @Test
  void refusesAnEscalationEditedAfterItWasSealed() {
    String json =
        EventCodec.encodeToString(Decisions.actionBlocked())
            .replace("consider rolling back to revision 2", "delete the namespace");

    assertThatThrownBy(
            () ->
                EscalationFunctions.read(
                    MessageBuilder.withPayload(json.getBytes(StandardCharsets.UTF_8)).build(),
                    Escalated.class))
        .isInstanceOf(EventIntegrityException.class);
  }

  @Test
  void refusesAnotherEventTypeOnTheEscalationsTopicNamingTheType() {
    byte[] outcome = EventCodec.encode(Decisions.rollbackVerified());

    assertThatThrownBy(
            () ->
                EscalationFunctions.read(
                    MessageBuilder.withPayload(outcome).build(), Escalated.class))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("expected Escalated but was ActionExecuted");
  }
}
