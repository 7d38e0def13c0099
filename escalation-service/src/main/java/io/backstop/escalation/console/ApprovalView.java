package io.backstop.escalation.console;

import io.backstop.events.ActionExecuted;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.RequestRefused;
import io.backstop.events.approval.DecisionVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One approval as the console shows it: the request (the exact write, its patch, the evidence),
 * every decision people sent and every refusal of one, how it ended, and what the executor then
 * did.
 */
public record ApprovalView(
    ApprovalRequested request,
    ApprovalStatus status,
    List<HumanDecision> decisions,
    List<RequestRefused> refusals,
    Optional<IncidentEvent> closedBy,
    Optional<ActionExecuted> outcome) {

  public ApprovalView {
    decisions = List.copyOf(decisions);
    refusals = List.copyOf(refusals);
  }

  /** The distinct people whose approval counts so far (a refused decision does not). */
  public List<String> approvers() {
    List<io.backstop.events.id.EventId> refused =
        refusals.stream().map(r -> r.header().causationId()).toList();
    return decisions.stream()
        .filter(d -> d.verdict() == DecisionVerdict.APPROVED)
        .filter(d -> !refused.contains(d.eventId()))
        .map(HumanDecision::principal)
        .map(p -> p.strip().toLowerCase(Locale.ROOT))
        .distinct()
        .toList();
  }

  /** Whether this person already approved (one person never counts twice). */
  public boolean approvedBy(String principal) {
    return approvers().contains(principal.strip().toLowerCase(Locale.ROOT));
  }

  /** Time left before it lapses at {@code now}; zero once lapsed. */
  public Duration remaining(Instant now) {
    Duration left = Duration.between(now, request.expiresAt());
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Open and not yet lapsed at {@code now}: a decision may still count. */
  public boolean decidable(Instant now) {
    return status.open() && !request.expiredAt(now);
  }
}
