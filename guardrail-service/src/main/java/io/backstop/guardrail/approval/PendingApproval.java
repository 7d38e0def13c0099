package io.backstop.guardrail.approval;

import io.backstop.events.ApprovalRequested;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.approval.Approver;
import io.backstop.events.id.EventId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One approval the guardrail asked for: the request, the people who approved it so far (one entry
 * per person, whatever the case of their name), and the event that closed it (the {@code
 * ActionApproved} or the {@code Escalated}), once closed. Mutable, owned by {@link ApprovalBook}.
 */
public final class PendingApproval {

  private final ApprovalRequested request;
  private final Map<String, Approver> approvers = new LinkedHashMap<>();
  private IncidentEvent closedBy;

  PendingApproval(ApprovalRequested request) {
    this.request = request;
  }

  public ApprovalRequested request() {
    return request;
  }

  public boolean open() {
    return closedBy == null;
  }

  public Optional<IncidentEvent> closedBy() {
    return Optional.ofNullable(closedBy);
  }

  public List<Approver> approvers() {
    return List.copyOf(new ArrayList<>(approvers.values()));
  }

  public boolean quorum() {
    return approvers.size() >= request.approversRequired();
  }

  /** Whether this person already approved (names compared without case). */
  public boolean approvedBy(String principal) {
    return approvers.containsKey(key(principal));
  }

  /** Whether this very decision is already counted. */
  public boolean counted(EventId decision) {
    return approvers.values().stream().anyMatch(a -> a.decision().equals(decision));
  }

  void count(HumanDecision decision) {
    approvers.putIfAbsent(
        key(decision.principal()),
        new Approver(
            decision.principal(),
            decision.decidedAt(),
            decision.origin(),
            decision.comment(),
            decision.eventId()));
  }

  void uncount(EventId decision) {
    approvers.values().removeIf(a -> a.decision().equals(decision));
  }

  void close(IncidentEvent event) {
    if (closedBy == null) {
      closedBy = event;
    }
  }

  private static String key(String principal) {
    return principal.strip().toLowerCase(Locale.ROOT);
  }
}
