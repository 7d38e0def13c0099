package io.backstop.escalation.messaging;

import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.IncidentId;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixture incident moved to a fresh incident id, so tests sharing one broker and one Spring
 * context do not see each other's pages and tickets. Each event is re-sealed under the new id and
 * re-chained to its moved cause, so the hash chain still verifies.
 */
final class Incidents {

  private Incidents() {}

  /** The whole escalated chain: alert, signals, the lie, its rejection, the escalation. */
  static List<IncidentEvent> blocked(String incident) {
    return chain(
        incident,
        List.of(
            Alerts.checkoutErrorRate(),
            Signals.badDeploy(),
            Diagnoses.hallucinatedRollbackAll(),
            Decisions.hallucinationRejected(),
            Decisions.actionBlocked()));
  }

  /** The honest chain ending in a verified rollback. */
  static List<IncidentEvent> verified(String incident) {
    return chain(
        incident,
        List.of(
            Alerts.checkoutErrorRate(),
            Signals.badDeploy(),
            Diagnoses.honestRollback(),
            Decisions.rollbackApproved(),
            Decisions.rollbackVerified()));
  }

  private static List<IncidentEvent> chain(String incident, List<IncidentEvent> events) {
    java.util.Map<String, String> newHash = new java.util.HashMap<>();
    List<IncidentEvent> moved = new ArrayList<>();
    for (IncidentEvent e : events) {
      String parent = e.header().parentHash();
      var header =
          new io.backstop.events.EventHeader(
              e.eventId(),
              IncidentId.of(incident),
              e.header().causationId(),
              e.header().stage(),
              e.header().occurredAt(),
              e.header().attempt(),
              parent == null ? null : newHash.getOrDefault(parent, parent),
              null);
      IncidentEvent sealed = EventCodec.seal(e.withHeader(header));
      newHash.put(e.header().hash(), sealed.header().hash());
      moved.add(sealed);
    }
    return moved;
  }
}
