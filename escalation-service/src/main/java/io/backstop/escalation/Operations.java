package io.backstop.escalation;

import io.backstop.events.EscalationDelivered;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.escalation.Channel;
import io.backstop.events.id.EventId;

/**
 * The operation names recorded on {@code EscalationDelivered} (ours, whatever the receiver calls
 * its tools), and the deterministic header of a delivery: its id is derived from the source event,
 * the channel and the operation, so one source event yields distinct ids for its page and ticket,
 * and a redelivered source yields the same ids again.
 */
public final class Operations {

  public static final String TRIGGER = "trigger";
  public static final String RESOLVE = "resolve";
  public static final String CREATE_TICKET = "create_ticket";
  public static final String UPDATE_TICKET = "update_ticket";

  /** A PagerDuty change event for a write Backstop made (channel PAGE, never pages anyone). */
  public static final String CHANGE = "change";

  private Operations() {}

  public static EventHeader deliveryHeader(
      IncidentEvent source, Channel channel, String operation, java.time.Instant at) {
    return header(source, channel, operation, "", at);
  }

  /**
   * The header of the record that says a delivery is pending: its own id, so the pending record
   * stays on the audit log beside the one that later says how the delivery ended.
   */
  public static EventHeader pendingHeader(
      IncidentEvent source, Channel channel, String operation, java.time.Instant at) {
    return header(source, channel, operation, "/pending", at);
  }

  private static EventHeader header(
      IncidentEvent source,
      Channel channel,
      String operation,
      String suffix,
      java.time.Instant at) {
    EventHeader cause = source.header();
    String step =
        EscalationDelivered.class.getSimpleName() + "/" + channel + "/" + operation + suffix;
    EventId id = EventId.derive(cause.eventId(), Stage.ESCALATION.name(), step, 1);
    return new EventHeader(
        id, cause.incidentId(), cause.eventId(), Stage.ESCALATION, at, 1, cause.hash(), null);
  }
}
