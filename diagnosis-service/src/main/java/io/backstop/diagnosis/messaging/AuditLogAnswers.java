package io.backstop.diagnosis.messaging;

import io.backstop.diagnosis.PriorAnswers;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.IncidentEvent;
import io.backstop.stream.audit.AuditLogReader;

/**
 * {@link PriorAnswers} from the audit log: the incident's committed records are read ({@code
 * read_committed}, the incident's partition only) and an input counts as answered when a proposal
 * whose cause is that input is among them. A proposal whose transaction was aborted is not there,
 * so an input whose answer was lost is diagnosed again. When the audit log cannot be read the input
 * is diagnosed (a duplicate answer is the lesser harm than none) and the reason is logged.
 */
public final class AuditLogAnswers implements PriorAnswers {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(AuditLogAnswers.class);

  private final AuditLogReader audit;

  public AuditLogAnswers(AuditLogReader audit) {
    this.audit = audit;
  }

  @Override
  public boolean answered(IncidentEvent input) {
    try {
      return audit.readIncident(input.incidentId()).events().stream()
          .filter(e -> e.incidentId().equals(input.incidentId()))
          .filter(DiagnosisProposed.class::isInstance)
          .anyMatch(e -> e.header().causationId().equals(input.eventId()));
    } catch (RuntimeException e) {
      LOG.warn(
          "audit of incident {} unreadable; diagnosing {} without checking for an earlier answer:"
              + " {}",
          input.incidentId(),
          input.eventId(),
          e.toString());
      return false;
    }
  }
}
