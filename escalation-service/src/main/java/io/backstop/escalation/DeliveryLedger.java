package io.backstop.escalation;

import io.backstop.events.EscalationDelivered;
import io.backstop.events.escalation.Channel;
import io.backstop.events.escalation.DeliveryStatus;
import io.backstop.events.id.EventId;
import io.backstop.events.id.IncidentId;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What has been delivered, per incident: the delivery ids already done (a delivery id is derived
 * from the source event, channel and operation, so a redelivered source maps to the same ids), the
 * incident's ticket and whether its page is open. State comes from the {@code EscalationDelivered}
 * records on the audit log, absorbed each time an incident is handled (so it survives restarts and
 * partition moves), plus what this instance delivered since, which may not be committed yet: if its
 * transaction rolled back, the record is written again on the retry, never the delivery.
 * Dead-lettered deliveries are not "done": a replay from the dead-letter topic tries them again.
 */
public final class DeliveryLedger {

  private final Map<IncidentId, State> incidents = new ConcurrentHashMap<>();

  /** Deliveries read back from the audit log: done, and committed. */
  public void absorb(Iterable<EscalationDelivered> deliveries) {
    for (EscalationDelivered d : deliveries) {
      record(d, true);
    }
  }

  /** A delivery this instance just made; done, but its record may not be committed yet. */
  public void apply(EscalationDelivered d) {
    record(d, false);
  }

  /**
   * The record of a delivery that is done but not yet seen on the audit log: the transaction that
   * carried it may have rolled back, so the caller writes the same record again (same id, same
   * content) instead of delivering twice.
   */
  public Optional<EscalationDelivered> uncommitted(IncidentId incident, EventId deliveryId) {
    State state = incidents.get(incident);
    if (state == null) {
      return Optional.empty();
    }
    synchronized (state) {
      return state.committed.contains(deliveryId)
          ? Optional.empty()
          : Optional.ofNullable(state.done.get(deliveryId));
    }
  }

  private void record(EscalationDelivered d, boolean committed) {
    if (d.status() != DeliveryStatus.DELIVERED) {
      return;
    }
    State state = incidents.computeIfAbsent(d.incidentId(), id -> new State());
    synchronized (state) {
      state.done.put(d.eventId(), d);
      if (committed) {
        state.committed.add(d.eventId());
      }
      if (d.channel() == Channel.TICKET && Operations.CREATE_TICKET.equals(d.operation())) {
        state.ticket = d.externalRef();
      }
      if (d.channel() == Channel.PAGE && Operations.TRIGGER.equals(d.operation())) {
        state.pageOpen = true;
      }
      if (d.channel() == Channel.PAGE && Operations.RESOLVE.equals(d.operation())) {
        state.pageOpen = false;
      }
    }
  }

  public boolean done(IncidentId incident, EventId deliveryId) {
    State state = incidents.get(incident);
    if (state == null) {
      return false;
    }
    synchronized (state) {
      return state.done.containsKey(deliveryId);
    }
  }

  public Optional<String> ticket(IncidentId incident) {
    State state = incidents.get(incident);
    if (state == null) {
      return Optional.empty();
    }
    synchronized (state) {
      return Optional.ofNullable(state.ticket);
    }
  }

  public boolean pageOpen(IncidentId incident) {
    State state = incidents.get(incident);
    if (state == null) {
      return false;
    }
    synchronized (state) {
      return state.pageOpen;
    }
  }

  private static final class State {
    private final Map<EventId, EscalationDelivered> done = new java.util.HashMap<>();
    private final Set<EventId> committed = new HashSet<>();
    private String ticket;
    private boolean pageOpen;
  }
}
