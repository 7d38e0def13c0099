package io.backstop.stream.it;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.id.IncidentId;

/** Alerts of their own incident, so tests sharing one broker do not see each other's records. */
final class TestAlerts {

  private TestAlerts() {}

  static AlertReceived alert(String incident) {
    return alert(incident, "HighErrorRatio");
  }

  static AlertReceived alert(String incident, String alertname) {
    AlertReceived base = Alerts.checkoutErrorRate();
    EventHeader header =
        EventHeader.first(
            IncidentId.of(incident),
            "test|" + incident + "|" + alertname,
            Stage.INTAKE,
            Fixtures.NOW);
    return EventCodec.seal(
        new AlertReceived(
            header,
            base.source(),
            base.fingerprint(),
            base.groupKey(),
            alertname,
            base.severity(),
            base.status(),
            base.labels(),
            base.annotations(),
            base.startsAt(),
            base.endsAt(),
            base.generatorUrl(),
            0));
  }
}
