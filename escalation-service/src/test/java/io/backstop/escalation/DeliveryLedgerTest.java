package io.backstop.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.EscalationDelivered;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.Channel;
import io.backstop.events.escalation.DeliveryStatus;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.id.IncidentId;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

  private final DeliveryLedger ledger = new DeliveryLedger();
  private final IncidentEvent source = Decisions.actionBlocked();

  @Test
  void aDeliveredTriggerIsDoneAndOpensThePage() {
    EscalationDelivered trigger =
        delivery(Channel.PAGE, Operations.TRIGGER, DeliveryStatus.DELIVERED, "x");

    ledger.apply(trigger);

    assertThat(ledger.done(Alerts.INCIDENT, trigger.eventId())).isTrue();
    assertThat(ledger.pageOpen(Alerts.INCIDENT)).isTrue();
  }

  @Test
  void aResolveClosesThePage() {
    ledger.apply(delivery(Channel.PAGE, Operations.TRIGGER, DeliveryStatus.DELIVERED, "x"));
    ledger.apply(delivery(Channel.PAGE, Operations.RESOLVE, DeliveryStatus.DELIVERED, "x"));

    assertThat(ledger.pageOpen(Alerts.INCIDENT)).isFalse();
  }

  @Test
  void aCreatedTicketIsRememberedForTheIncident() {
    ledger.apply(
        delivery(Channel.TICKET, Operations.CREATE_TICKET, DeliveryStatus.DELIVERED, "BKS-7"));

    assertThat(ledger.ticket(Alerts.INCIDENT)).hasValue("BKS-7");
  }

  @Test
  void aDeadLetteredDeliveryIsNotDoneSoAReplayTriesItAgain() {
    EscalationDelivered dead =
        delivery(Channel.PAGE, Operations.TRIGGER, DeliveryStatus.DEAD_LETTERED, "x");

    ledger.apply(dead);

    assertThat(ledger.done(Alerts.INCIDENT, dead.eventId())).isFalse();
    assertThat(ledger.pageOpen(Alerts.INCIDENT)).isFalse();
  }

  @Test
  void aDeliveryIsUncommittedUntilTheAuditShowsIt() {
    EscalationDelivered trigger =
        delivery(Channel.PAGE, Operations.TRIGGER, DeliveryStatus.DELIVERED, "x");

    ledger.apply(trigger);
    var before = ledger.uncommitted(Alerts.INCIDENT, trigger.eventId());
    ledger.absorb(java.util.List.of(trigger));

    assertThat(before).hasValue(trigger);
    assertThat(ledger.uncommitted(Alerts.INCIDENT, trigger.eventId())).isEmpty();
  }

  @Test
  void deliveryIdsDifferByChannelAndOperationButNotByRedelivery() {
    var page = Operations.deliveryHeader(source, Channel.PAGE, Operations.TRIGGER, Fixtures.NOW);
    var ticket =
        Operations.deliveryHeader(source, Channel.TICKET, Operations.CREATE_TICKET, Fixtures.NOW);
    var again =
        Operations.deliveryHeader(
            source, Channel.PAGE, Operations.TRIGGER, Fixtures.NOW.plusSeconds(60));

    assertThat(page.eventId()).isNotEqualTo(ticket.eventId());
    assertThat(again.eventId()).isEqualTo(page.eventId());
    assertThat(page.parentHash()).isEqualTo(source.header().hash());
  }

  @Test
  void theIncidentHandledLeastRecentlyIsForgottenBeyondTheBoundAndReadBackFromTheAudit() {
    DeliveryLedger bounded = new DeliveryLedger(2);
    EscalationDelivered a = ticketFor("inc-a");
    EscalationDelivered b = ticketFor("inc-b");
    EscalationDelivered c = ticketFor("inc-c");
    bounded.apply(a);
    bounded.apply(b);
    assertThat(bounded.done(a.incidentId(), a.eventId())).as("a handled again").isTrue();

    bounded.apply(c);

    assertThat(bounded.size()).isEqualTo(2);
    assertThat(bounded.forgotten()).isEqualTo(1);
    assertThat(bounded.done(b.incidentId(), b.eventId()))
        .as("b, least recent, forgotten")
        .isFalse();
    assertThat(bounded.ticket(b.incidentId())).isEmpty();
    assertThat(bounded.done(a.incidentId(), a.eventId())).isTrue();
    assertThat(bounded.done(c.incidentId(), c.eventId())).isTrue();

    // Handling b again reads its deliveries back from the audit log, as after a restart.
    bounded.absorb(java.util.List.of(b));

    assertThat(bounded.done(b.incidentId(), b.eventId())).isTrue();
    assertThat(bounded.ticket(b.incidentId())).hasValue("BKS-inc-b");
    assertThat(bounded.uncommitted(b.incidentId(), b.eventId())).isEmpty();
    assertThat(bounded.size()).isEqualTo(2);
    assertThat(bounded.forgotten()).isEqualTo(2);
  }

  @Test
  void aDeliveryTheAuditAlreadyShowsIsNeverOfferedAgainAsUncommitted() {
    EscalationDelivered trigger =
        delivery(Channel.PAGE, Operations.TRIGGER, DeliveryStatus.DELIVERED, "x");

    ledger.absorb(java.util.List.of(trigger));
    ledger.apply(trigger);

    assertThat(ledger.done(Alerts.INCIDENT, trigger.eventId())).isTrue();
    assertThat(ledger.uncommitted(Alerts.INCIDENT, trigger.eventId())).isEmpty();
  }

  @Test
  void aLedgerKeepsAtLeastOneIncident() {
    assertThatThrownBy(() -> new DeliveryLedger(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one incident");
    assertThat(new DeliveryLedger().maxIncidents()).isEqualTo(DeliveryLedger.DEFAULT_MAX_INCIDENTS);
  }

  /** A delivered ticket of another incident (the fixture's header, another incident id). */
  private EscalationDelivered ticketFor(String incident) {
    EventHeader h =
        Operations.deliveryHeader(source, Channel.TICKET, Operations.CREATE_TICKET, Fixtures.NOW);
    EventHeader other =
        new EventHeader(
            h.eventId(),
            IncidentId.of(incident),
            h.causationId(),
            h.stage(),
            h.occurredAt(),
            h.attempt(),
            h.parentHash(),
            null);
    return EventCodec.seal(
        new EscalationDelivered(
            other,
            Channel.TICKET,
            Operations.CREATE_TICKET,
            "BKS-" + incident,
            DeliveryStatus.DELIVERED,
            1,
            ""));
  }

  private EscalationDelivered delivery(
      Channel channel, String operation, DeliveryStatus status, String ref) {
    return EventCodec.seal(
        new EscalationDelivered(
            Operations.deliveryHeader(source, channel, operation, Fixtures.NOW),
            channel,
            operation,
            ref,
            status,
            1,
            ""));
  }
}
