package io.backstop.diagnosis.messaging;

import io.backstop.diagnosis.PriorAnswers;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.IncidentEvent;
import io.backstop.events.id.EventId;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.audit.AuditFollower;
import io.backstop.stream.audit.AuditLog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PriorAnswers} from the audit log: an input counts as answered when a committed proposal
 * whose cause is that input is on the record ({@code read_committed}, so a proposal whose
 * transaction was aborted is not there, and an input whose answer was lost is diagnosed again).
 *
 * <p>The causes of every proposal seen are kept (a committed proposal is never taken back, so a
 * "yes" stays true); for an input not among them, the {@link AuditFollower} first reads what was
 * committed on the incident's audit partition since the last question. This keeps the check to one
 * end-offset request in the common case, where it used to read the partition from the beginning
 * with a new consumer per input (most of the diagnosis hop's time, issue 14). Memory: one incident
 * and event id per proposal ever made, about 150 bytes each.
 *
 * <p>When the audit log cannot be read the input is diagnosed (a duplicate answer is the lesser
 * harm than none) and the reason is logged.
 */
public final class AuditLogAnswers implements PriorAnswers, AutoCloseable {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(AuditLogAnswers.class);

  private final AuditFollower audit;
  private final Set<Cause> answeredCauses = ConcurrentHashMap.newKeySet();

  /** An input by incident and event id: ids are derived, so only the pair names one input. */
  private record Cause(IncidentId incident, EventId event) {}

  public AuditLogAnswers(AuditFollower audit) {
    this.audit = audit;
  }

  /** The event types the follower must decode for this check. */
  public static Set<String> eventTypes() {
    return Set.of(DiagnosisProposed.class.getSimpleName());
  }

  @Override
  public boolean answered(IncidentEvent input) {
    if (answeredCauses.contains(new Cause(input.incidentId(), input.eventId()))) {
      return true;
    }
    try {
      AuditLog news = audit.catchUp(input.incidentId());
      for (IncidentEvent e : news.events()) {
        if (e instanceof DiagnosisProposed) {
          answeredCauses.add(new Cause(e.incidentId(), e.header().causationId()));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "audit of incident {} unreadable; diagnosing {} without checking for an earlier answer:"
              + " {}",
          input.incidentId(),
          input.eventId(),
          e.toString());
      return false;
    }
    return answeredCauses.contains(new Cause(input.incidentId(), input.eventId()));
  }

  @Override
  public void close() {
    audit.close();
  }
}
