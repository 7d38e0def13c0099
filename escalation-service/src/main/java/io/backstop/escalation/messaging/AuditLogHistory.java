package io.backstop.escalation.messaging;

import io.backstop.escalation.IncidentHistory;
import io.backstop.events.IncidentEvent;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.audit.AuditLog;
import io.backstop.stream.audit.IncidentAuditReader;
import io.backstop.stream.audit.UnreadableRecord;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An incident's record from the audit topic, through one long-lived {@link IncidentAuditReader}
 * (its partition only, {@code read_committed}, from the incident's first record on, so a page does
 * not wait for the whole history of the log to be read). Records of the incident that cannot be
 * read are reported at WARN with their offsets; the page still goes out with what could be read.
 */
public final class AuditLogHistory implements IncidentHistory, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AuditLogHistory.class);

  private final IncidentAuditReader reader;

  public AuditLogHistory(IncidentAuditReader reader) {
    this.reader = reader;
  }

  @Override
  public List<IncidentEvent> eventsOf(IncidentId incident) {
    AuditLog audit = reader.readIncident(incident);
    List<UnreadableRecord> unreadable = audit.unreadable(incident);
    if (!unreadable.isEmpty()) {
      log.warn(
          "{} audit records of incident {} are unreadable: {}",
          unreadable.size(),
          incident,
          unreadable);
    }
    return audit.timeline(incident).events();
  }

  @Override
  public void close() {
    reader.close();
  }
}
