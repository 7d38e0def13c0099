package io.backstop.escalation;

import io.backstop.events.EscalationDelivered;
import io.backstop.events.escalation.Channel;
import io.backstop.events.escalation.DeliveryStatus;
import io.backstop.events.id.EventId;
import io.backstop.events.id.IncidentId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What has been delivered, per incident: the delivery ids already done (a delivery id is derived
 * from the source event, channel and operation, so a redelivered source maps to the same ids), the
 * incident's ticket and whether its page is open. State comes from the {@code EscalationDelivered}
 * records on the audit log, absorbed each time an incident is handled (so it survives restarts and
 * partition moves), plus what this instance delivered since, which may not be committed yet: if its
 * transaction rolled back, the record is written again on the retry, never the delivery.
 * Dead-lettered deliveries are not "done": a replay from the dead-letter topic tries them again.
 *
 * <p>Bounded: it keeps the {@code maxIncidents} incidents handled most recently and forgets the
 * least recently handled beyond them, so a service that runs for months does not grow with every
 * incident it ever saw. A forgotten incident's record is read back from the audit log the next time
 * it is handled, as after a restart; what only memory knew is lost with it: a delivery whose
 * transaction has not committed yet (its retry comes within seconds, long before thousands of other
 * incidents are handled) and what guards a redelivery while the audit log cannot be read, where the
 * price is a second page or ticket for that incident, never a missed one. A committed delivery is
 * kept as its id only; the whole record only until the audit log shows it. Thread-safe.
 */
public final class DeliveryLedger {

  /** How many incidents a ledger keeps unless configured otherwise. */
  public static final int DEFAULT_MAX_INCIDENTS = 20_000;

  private static final Logger log = LoggerFactory.getLogger(DeliveryLedger.class);

  private final int maxIncidents;

  /** Access-ordered: the eldest entry is the incident handled least recently. */
  private final LinkedHashMap<IncidentId, State> incidents = new LinkedHashMap<>(64, 0.75f, true);

  private long forgotten;

  public DeliveryLedger() {
    this(DEFAULT_MAX_INCIDENTS);
  }

  public DeliveryLedger(int maxIncidents) {
    if (maxIncidents < 1) {
      throw new IllegalArgumentException(
          "a delivery ledger must keep at least one incident, but was given " + maxIncidents);
    }
    this.maxIncidents = maxIncidents;
  }

  /** Deliveries read back from the audit log: done, and committed. */
  public synchronized void absorb(Iterable<EscalationDelivered> deliveries) {
    for (EscalationDelivered d : deliveries) {
      record(d, true);
    }
  }

  /** A delivery this instance just made; done, but its record may not be committed yet. */
  public synchronized void apply(EscalationDelivered d) {
    record(d, false);
  }

  /**
   * The record of a delivery that is done but not yet seen on the audit log: the transaction that
   * carried it may have rolled back, so the caller writes the same record again (same id, same
   * content) instead of delivering twice.
   */
  public synchronized Optional<EscalationDelivered> uncommitted(
      IncidentId incident, EventId deliveryId) {
    State state = incidents.get(incident);
    return state == null
        ? Optional.empty()
        : Optional.ofNullable(state.uncommitted.get(deliveryId));
  }

  private void record(EscalationDelivered d, boolean committed) {
    if (d.status() != DeliveryStatus.DELIVERED) {
      return;
    }
    State state = incidents.get(d.incidentId());
    if (state == null) {
      state = new State();
      incidents.put(d.incidentId(), state);
      forgetBeyondBound();
    }
    if (committed) {
      state.uncommitted.remove(d.eventId());
    } else if (!state.done.contains(d.eventId())) {
      state.uncommitted.put(d.eventId(), d);
    }
    state.done.add(d.eventId());
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

  private void forgetBeyondBound() {
    Iterator<IncidentId> eldest = incidents.keySet().iterator();
    while (incidents.size() > maxIncidents && eldest.hasNext()) {
      IncidentId id = eldest.next();
      eldest.remove();
      forgotten++;
      log.debug("delivery ledger over {} incidents: forgot {}", maxIncidents, id);
    }
  }

  public synchronized boolean done(IncidentId incident, EventId deliveryId) {
    State state = incidents.get(incident);
    return state != null && state.done.contains(deliveryId);
  }

  public synchronized Optional<String> ticket(IncidentId incident) {
    State state = incidents.get(incident);
    return state == null ? Optional.empty() : Optional.ofNullable(state.ticket);
  }

  public synchronized boolean pageOpen(IncidentId incident) {
    State state = incidents.get(incident);
    return state != null && state.pageOpen;
  }

  /** How many incidents the ledger holds now. */
  public synchronized int size() {
    return incidents.size();
  }

  /** How many incidents it forgot to stay within its bound, since it was made. */
  public synchronized long forgotten() {
    return forgotten;
  }

  public int maxIncidents() {
    return maxIncidents;
  }

  private static final class State {
    private final Set<EventId> done = new HashSet<>();
    private final Map<EventId, EscalationDelivered> uncommitted = new HashMap<>(2);
    private String ticket;
    private boolean pageOpen;
  }
}
