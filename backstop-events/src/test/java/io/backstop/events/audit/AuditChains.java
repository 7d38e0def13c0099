package io.backstop.events.audit;

import io.backstop.events.AlertReceived;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.IncidentId;
import java.time.Instant;
import java.util.List;

/** Audit logs for the tests: a whole incident, and the edits and redeliveries done to it. */
final class AuditChains {

  private AuditChains() {}

  /** Alert, signals, honest rollback diagnosis, approval, verified execution: in causal order. */
  static List<IncidentEvent> rollbackIncident() {
    return List.of(
        Alerts.checkoutErrorRate(),
        Signals.badDeploy(),
        Diagnoses.honestRollback(),
        Decisions.rollbackApproved(),
        Decisions.rollbackVerified());
  }

  /** An escalation reacting to {@code cause}, {@code minutes} after the fixtures' now. */
  static Escalated sibling(IncidentEvent cause, int minutes) {
    EventHeader header =
        EventHeader.reactingTo(
            cause,
            Stage.GUARDRAIL,
            Escalated.class,
            minutes,
            Fixtures.NOW.plusSeconds(60L * minutes));
    return EventCodec.seal(
        new Escalated(
            header,
            EscalationReason.HUMAN_ACTION_RECOMMENDED,
            null,
            null,
            "sibling " + minutes,
            "look",
            List.of()));
  }

  /** The same alert, redelivered at another time: same event id, new hash once sealed. */
  static AlertReceived at(AlertReceived alert, Instant occurredAt) {
    EventHeader h = alert.header();
    return alert.withHeader(
        new EventHeader(
            h.eventId(),
            h.incidentId(),
            h.causationId(),
            h.stage(),
            occurredAt,
            h.attempt(),
            h.parentHash(),
            null));
  }

  /** The signals with one field changed and the stored hash left as it was. */
  static SignalsGathered withRedactionCount(SignalsGathered s, int count) {
    return new SignalsGathered(
        s.header(),
        s.target(),
        s.evidence(),
        s.rollouts(),
        s.inventory(),
        s.symptoms(),
        s.anomalyOnset(),
        count,
        s.missingSources());
  }

  /** The event's header with its link to the cause removed and no hash. */
  static EventHeader withoutParent(IncidentEvent event) {
    EventHeader h = event.header();
    return new EventHeader(
        h.eventId(),
        h.incidentId(),
        h.causationId(),
        h.stage(),
        h.occurredAt(),
        h.attempt(),
        null,
        null);
  }

  /** An alert of another incident. */
  static AlertReceived otherIncident(String incident) {
    AlertReceived alert = Alerts.checkoutErrorRate();
    return EventCodec.seal(
        alert.withHeader(alert.header().withIncident(IncidentId.of(incident)).withHash(null)));
  }
}
