package io.backstop.stack.scenario;

import io.backstop.events.ActionExecuted;
import io.backstop.events.AlertReceived;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.Escalated;
import io.backstop.events.EscalationDelivered;
import io.backstop.events.IncidentEvent;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.audit.Timeline;
import io.backstop.events.escalation.Channel;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.audit.AuditLog;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One incident as the audit log shows it, and whether it has come to an end. */
public record IncidentTrail(IncidentId incident, Timeline timeline) {

  /** The incident opened by the alert with this fingerprint and start, if triage admitted it. */
  public static Optional<IncidentTrail> find(AuditLog log, String fingerprint, Instant startsAt) {
    return log.events().stream()
        .filter(AlertReceived.class::isInstance)
        .map(AlertReceived.class::cast)
        .filter(
            a ->
                a.fingerprint().equals(fingerprint)
                    && a.startsAt().getEpochSecond() == startsAt.getEpochSecond())
        .map(IncidentEvent::incidentId)
        .findFirst()
        .map(id -> new IncidentTrail(id, log.timeline(id)));
  }

  public List<IncidentEvent> events() {
    return timeline.events();
  }

  public <T extends IncidentEvent> List<T> all(Class<T> type) {
    return events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  /**
   * The event that ends the incident for a run: an escalation, a request for a person's approval
   * (nobody approves in a run), or a verified action. Later events can only be the page and ticket
   * that report it.
   */
  public Optional<IncidentEvent> terminal() {
    IncidentEvent last = null;
    for (IncidentEvent event : events()) {
      if (event instanceof Escalated
          || event instanceof ApprovalRequested
          || (event instanceof ActionExecuted executed
              && executed.status() == ExecutionStatus.VERIFIED)) {
        last = event;
      }
    }
    return Optional.ofNullable(last);
  }

  /** Ended, and the on-call has been told of it by page and by ticket. */
  public boolean finished() {
    Optional<IncidentEvent> end = terminal();
    if (end.isEmpty()) {
      return false;
    }
    Instant at = end.get().header().occurredAt();
    List<EscalationDelivered> after =
        all(EscalationDelivered.class).stream()
            .filter(d -> !d.header().occurredAt().isBefore(at))
            .toList();
    return after.stream().anyMatch(d -> d.channel() == Channel.PAGE)
        && after.stream().anyMatch(d -> d.channel() == Channel.TICKET);
  }
}
