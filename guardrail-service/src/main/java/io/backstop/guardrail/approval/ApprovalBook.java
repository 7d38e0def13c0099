package io.backstop.guardrail.approval;

import io.backstop.events.ActionApproved;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.Escalated;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.RequestRefused;
import io.backstop.events.Stage;
import io.backstop.events.approval.DecisionVerdict;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.EventId;
import io.backstop.events.id.IncidentId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Every approval the guardrail asked for, as a fold over events, so a restart rebuilds it from the
 * audit log exactly: an {@link ApprovalRequested} opens one; an approving {@link HumanDecision}
 * counts its person; a {@link RequestRefused} caused by a decision takes that decision back; the
 * guardrail's {@link ActionApproved} or {@link Escalated} reacting to a decision of the approval
 * (or to the request, for an expiry) closes it. Decisions are counted as they appear and refusals
 * follow them on the same partition, so the fold agrees with what the guardrail decided live.
 */
@Component
public class ApprovalBook {

  private final Map<ActionId, PendingApproval> approvals = new HashMap<>();
  private final Map<EventId, ActionId> byRequest = new HashMap<>();
  private final Map<EventId, ActionId> byDecision = new HashMap<>();

  /** Applies one event; events that concern no approval change nothing. */
  public synchronized void apply(IncidentEvent event) {
    if (event instanceof ApprovalRequested request) {
      open(request);
    } else if (event instanceof HumanDecision decision) {
      counted(decision);
    } else if (event instanceof RequestRefused refused) {
      refused(refused);
    } else if (event instanceof ActionApproved approved && approved.humanApproved()) {
      closing(approved.header().causationId()).ifPresent(p -> p.close(approved));
    } else if (event instanceof Escalated escalated
        && escalated.header().stage() == Stage.GUARDRAIL) {
      closing(escalated.header().causationId()).ifPresent(p -> p.close(escalated));
    }
  }

  /** The approval of this action in this incident, if the guardrail ever asked for it. */
  public synchronized Optional<PendingApproval> find(IncidentId incident, ActionId actionId) {
    return Optional.ofNullable(approvals.get(actionId))
        .filter(p -> p.request().incidentId().equals(incident));
  }

  /** The open approvals whose time is up at {@code now}. */
  public synchronized List<PendingApproval> expiredAt(Instant now) {
    return approvals.values().stream()
        .filter(PendingApproval::open)
        .filter(p -> p.request().expiredAt(now))
        .toList();
  }

  public synchronized List<PendingApproval> open() {
    return approvals.values().stream().filter(PendingApproval::open).toList();
  }

  private void open(ApprovalRequested request) {
    approvals.putIfAbsent(request.actionId(), new PendingApproval(request));
    byRequest.put(request.eventId(), request.actionId());
  }

  private void counted(HumanDecision decision) {
    PendingApproval pending = approvals.get(decision.actionId());
    if (pending == null || !pending.request().incidentId().equals(decision.incidentId())) {
      return;
    }
    byDecision.put(decision.eventId(), decision.actionId());
    if (decision.verdict() == DecisionVerdict.APPROVED && pending.open()) {
      pending.count(decision);
    }
  }

  private void refused(RequestRefused refused) {
    ActionId actionId = byDecision.get(refused.header().causationId());
    if (actionId != null && refused.header().stage() == Stage.GUARDRAIL) {
      approvals.get(actionId).uncount(refused.header().causationId());
    }
  }

  private Optional<PendingApproval> closing(EventId cause) {
    ActionId actionId = byDecision.getOrDefault(cause, byRequest.get(cause));
    return Optional.ofNullable(actionId).map(approvals::get);
  }
}
