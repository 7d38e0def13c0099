package io.backstop.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.EscalationDelivered;
import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.Channel;
import io.backstop.events.escalation.DeliveryStatus;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Fixtures;
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
