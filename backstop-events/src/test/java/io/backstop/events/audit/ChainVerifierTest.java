package io.backstop.events.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.AlertReceived;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Alerts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

  @Test
  void intactChainVerifies() {
    var verification = Timeline.of(Alerts.INCIDENT, AuditChains.rollbackIncident()).verify();

    assertThat(verification.isIntact()).isTrue();
    assertThat(verification.eventsChecked()).isEqualTo(5);
  }

  @Test
  void namesAnEventEditedAfterItWasSealed() {
    List<IncidentEvent> log = new ArrayList<>(AuditChains.rollbackIncident());
    SignalsGathered signals = (SignalsGathered) log.get(1);
    log.set(1, AuditChains.withRedactionCount(signals, 0));

    var verification = Timeline.of(Alerts.INCIDENT, log).verify();

    assertThat(verification.isIntact()).isFalse();
    ChainBreak first = verification.firstBreak().orElseThrow();
    assertThat(first.eventId()).isEqualTo(signals.eventId());
    assertThat(first.eventType()).isEqualTo("SignalsGathered");
    assertThat(first.reason()).isEqualTo(BreakReason.CONTENT_EDITED);
    assertThat(verification.eventsChecked()).isEqualTo(2);
  }

  @Test
  void namesTheChildOfAnEventThatWasEditedAndResealed() {
    List<IncidentEvent> log = new ArrayList<>(AuditChains.rollbackIncident());
    SignalsGathered signals = (SignalsGathered) log.get(1);
    log.set(1, EventCodec.seal(AuditChains.withRedactionCount(signals, 0)));

    ChainBreak first = Timeline.of(Alerts.INCIDENT, log).verify().firstBreak().orElseThrow();

    assertThat(first.eventId()).isEqualTo(log.get(2).eventId());
    assertThat(first.eventType()).isEqualTo("DiagnosisProposed");
    assertThat(first.reason()).isEqualTo(BreakReason.PARENT_HASH_MISMATCH);
    assertThat(first.detail()).contains(signals.eventId().toString());
  }

  @Test
  void namesTheEventWhoseCauseIsMissingFromTheLog() {
    List<IncidentEvent> log = new ArrayList<>(AuditChains.rollbackIncident());
    IncidentEvent removed = log.remove(2);

    ChainBreak first = Timeline.of(Alerts.INCIDENT, log).verify().firstBreak().orElseThrow();

    assertThat(first.eventType()).isEqualTo("ActionApproved");
    assertThat(first.reason()).isEqualTo(BreakReason.CAUSE_MISSING);
    assertThat(first.detail()).contains(removed.eventId().toString());
  }

  @Test
  void namesAnUnsealedEvent() {
    List<IncidentEvent> log = new ArrayList<>(AuditChains.rollbackIncident());
    IncidentEvent last = log.get(4);
    log.set(4, last.withHeader(last.header().withHash(null)));

    ChainBreak first = Timeline.of(Alerts.INCIDENT, log).verify().firstBreak().orElseThrow();

    assertThat(first.eventId()).isEqualTo(last.eventId());
    assertThat(first.reason()).isEqualTo(BreakReason.UNSEALED);
  }

  @Test
  void namesAnEventCutLooseFromACauseThatIsInTheLog() {
    List<IncidentEvent> log = new ArrayList<>(AuditChains.rollbackIncident());
    IncidentEvent approved = log.get(3);
    log.set(3, EventCodec.seal(approved.withHeader(AuditChains.withoutParent(approved))));

    ChainBreak first = Timeline.of(Alerts.INCIDENT, log).verify().firstBreak().orElseThrow();

    assertThat(first.eventId()).isEqualTo(approved.eventId());
    assertThat(first.reason()).isEqualTo(BreakReason.PARENT_HASH_MISMATCH);
  }

  @Test
  void acceptsAChildOfTheEarlierVersionOfARedeliveredStepWhileThatVersionIsStored() {
    List<IncidentEvent> log = new ArrayList<>(AuditChains.rollbackIncident());
    AlertReceived alert = (AlertReceived) log.get(0);
    AlertReceived redelivered =
        EventCodec.seal(AuditChains.at(alert, alert.header().occurredAt().plusSeconds(5)));
    log.add(redelivered);

    assertThat(Timeline.of(Alerts.INCIDENT, log).verify().isIntact()).isTrue();
  }

  @Test
  void failsClosedWhenTheVersionAChildReactedToWasCompactedAway() {
    List<IncidentEvent> log = new ArrayList<>(AuditChains.rollbackIncident());
    AlertReceived alert = (AlertReceived) log.get(0);
    AlertReceived redelivered =
        EventCodec.seal(AuditChains.at(alert, alert.header().occurredAt().plusSeconds(5)));
    log.set(0, redelivered);

    ChainBreak first = Timeline.of(Alerts.INCIDENT, log).verify().firstBreak().orElseThrow();

    assertThat(first.eventType()).isEqualTo("SignalsGathered");
    assertThat(first.reason()).isEqualTo(BreakReason.PARENT_HASH_MISMATCH);
    assertThat(first.detail()).contains("1 intact stored version");
  }
}
