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
  void acceptsAnUnsealedEventFromAnOutsideProducer() {
    AlertReceived alert = Alerts.checkoutErrorRate();
    AlertReceived unsealed = alert.withHeader(alert.header().withHash(null));

    assertThat(Inbound.read(EventCodec.encode(unsealed), AlertReceived.class)).isEqualTo(unsealed);
  }

  @Test
  void refusesAnEventOfAnotherTypeNamingTheTypeField() {
    byte[] alert = EventCodec.encode(Alerts.checkoutErrorRate());

    assertThatThrownBy(() -> Inbound.read(alert, SignalsGathered.class))
        .isInstanceOf(EventDecodingException.class)
        .satisfies(e -> assertThat(((EventDecodingException) e).field()).isEqualTo("type"));
  }
}
