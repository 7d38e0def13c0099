package io.backstop.escalation.web;

import io.backstop.events.ApprovalRequested;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mothers: the fixture incident that ends in an approval request, moved to a fresh incident id
 * (re-sealed and re-chained, so its hash chain verifies) with its own action id and expiry.
 */
final class PendingApprovals {

  private PendingApprovals() {}

  /**
   * Alert, signals, the honest diagnosis, and the approval request lapsing at {@code expiresAt}.
   */
  static List<IncidentEvent> chain(String incident, Instant expiresAt) {
    IncidentId id = IncidentId.of(incident);
    Map<String, String> newHash = new HashMap<>();
    List<IncidentEvent> moved = new ArrayList<>();
    for (IncidentEvent e :
        List.of(
            Alerts.checkoutErrorRate(),
            Signals.badDeploy(),
            Diagnoses.honestRollback(),
            Decisions.approvalRequested())) {
      String parent = e.header().parentHash();
      EventHeader header =
          new EventHeader(
              e.eventId(),
              id,
              e.header().causationId(),
              e.header().stage(),
              e.header().occurredAt(),
              e.header().attempt(),
              parent == null ? null : newHash.getOrDefault(parent, parent),
              null);
      IncidentEvent event = e.withHeader(header);
      if (event instanceof ApprovalRequested r) {
        event =
            new ApprovalRequested(
                r.header(),
                ActionId.derive(id, r.diagnosis().eventId()),
                r.action(),
                r.plan(),
                r.preconditions(),
                r.verdicts(),
                r.reason(),
                r.summary(),
                expiresAt,
                r.approversRequired(),
                r.budgetLeft(),
                r.diagnosis());
      }
      IncidentEvent sealed = EventCodec.seal(event);
      newHash.put(e.header().hash(), sealed.header().hash());
      moved.add(sealed);
    }
    return moved;
  }

  static ApprovalRequested request(List<IncidentEvent> chain) {
    return (ApprovalRequested) chain.get(chain.size() - 1);
  }
}
