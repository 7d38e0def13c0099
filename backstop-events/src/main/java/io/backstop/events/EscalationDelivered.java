package io.backstop.events;

import io.backstop.events.escalation.Channel;
import io.backstop.events.escalation.DeliveryStatus;

/**
 * The escalation service told a human: which channel, which operation ({@code trigger}, {@code
 * resolve}, {@code create_ticket}, ...), the receiver's reference (dedup key, ticket id), whether
 * it was delivered or dead-lettered, and after how many attempts.
 */
public record EscalationDelivered(
    EventHeader header,
    Channel channel,
    String operation,
    String externalRef,
    DeliveryStatus status,
    int attempts,
    String detail)
    implements IncidentEvent {

  public EscalationDelivered {
    Require.present(header, "header");
    Require.present(channel, "channel");
    Require.text(operation, "operation");
    Require.present(status, "status");
    Require.nonNegative(attempts, "attempts");
    detail = detail == null ? "" : detail;
  }

  @Override
  public EscalationDelivered withHeader(EventHeader newHeader) {
    return new EscalationDelivered(
        newHeader, channel, operation, externalRef, status, attempts, detail);
  }
}
