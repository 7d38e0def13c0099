package io.backstop.escalation.messaging;

import io.backstop.escalation.Operations;
import io.backstop.escalation.PageRetries;
import io.backstop.events.ActionExecuted;
import io.backstop.events.Escalated;
import io.backstop.events.EscalationDelivered;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.Channel;
import io.backstop.events.escalation.DeliveryStatus;
import io.backstop.events.id.EventId;
import io.backstop.stream.audit.AuditLogReader;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.SmartLifecycle;

/**
 * Owes again, on start, every page an earlier run recorded PENDING and never ended (no DELIVERED or
 * DEAD_LETTERED record of the same delivery on the audit log), in the order they were recorded, so
 * a restart never forgets a page. It runs before the consumers start. When the audit log cannot be
 * read the service still starts (paging new incidents matters more) and says so at ERROR: the
 * pending records stay on the log and are picked up by the next start.
 */
public final class PendingPagesRecovery implements SmartLifecycle {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(PendingPagesRecovery.class);

  private final AuditLogReader audit;
  private final PageRetries pages;
  private volatile boolean running;

  public PendingPagesRecovery(AuditLogReader audit, PageRetries pages) {
    this.audit = audit;
    this.pages = pages;
  }

  @Override
  public void start() {
    try {
      int owed = recover(audit.readAll().events());
      if (owed > 0) {
        LOG.warn("{} page(s) still owed from before the restart; retrying them", owed);
      }
    } catch (RuntimeException e) {
      LOG.error("could not read the audit log for pending pages; they are retried next start", e);
    }
    running = true;
  }

  int recover(List<IncidentEvent> events) {
    Map<EventId, IncidentEvent> byId = new HashMap<>();
    events.forEach(e -> byId.put(e.eventId(), e));
    Set<EventId> ended =
        events.stream()
            .filter(EscalationDelivered.class::isInstance)
            .map(EscalationDelivered.class::cast)
            .filter(d -> d.status() != DeliveryStatus.PENDING)
            .map(IncidentEvent::eventId)
            .collect(Collectors.toSet());
    int owed = 0;
    for (EscalationDelivered pending :
        events.stream()
            .filter(EscalationDelivered.class::isInstance)
            .map(EscalationDelivered.class::cast)
            .filter(d -> d.status() == DeliveryStatus.PENDING && d.channel() == Channel.PAGE)
            .sorted(Comparator.comparing(d -> d.header().occurredAt()))
            .toList()) {
      IncidentEvent source = byId.get(pending.header().causationId());
      if (source == null) {
        continue;
      }
      EventId delivery =
          Operations.deliveryHeader(
                  source, Channel.PAGE, pending.operation(), source.header().occurredAt())
              .eventId();
      if (ended.contains(delivery)) {
        continue;
      }
      String topic =
          source instanceof Escalated
              ? Topics.ESCALATIONS
              : source instanceof io.backstop.events.ApprovalRequested
                      || source instanceof io.backstop.events.ActionApproved
                  ? Topics.APPROVALS
                  : Topics.OUTCOMES;
      if (source instanceof Escalated
          || source instanceof ActionExecuted
          || source instanceof io.backstop.events.ApprovalRequested
          || source instanceof io.backstop.events.ActionApproved) {
        pages.owe(source, EventCodec.encode(source), topic);
        owed++;
      }
    }
    return owed;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return 0;
  }
}
