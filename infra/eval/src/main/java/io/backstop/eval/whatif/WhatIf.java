package io.backstop.eval.whatif;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.IncidentEvent;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.events.id.EventId;
import io.backstop.guardrail.review.ProposalReviewer;
import io.backstop.safety.Guardrails;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.review.Decision;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Re-judges every proposal recorded in an audit log under another policy file, through the live
 * guardrail's review path, from the budget and breaker state the guardrail had at that moment
 * (every earlier event of every incident folded into a fresh {@link GuardrailState}, at the
 * proposal's time). Nothing is emitted and nothing outside this object changes. Later proposals are
 * judged against the recorded past, not against the decisions this policy would have made.
 */
public final class WhatIf {

  private final PolicyBook book;

  public WhatIf(PolicyBook book) {
    this.book = book;
  }

  /** The result of a re-judgement: every decision compared, and those that would change. */
  public record Result(int proposals, int unrecorded, List<Change> changes) {
    public Result {
      changes = List.copyOf(changes);
    }
  }

  public Result rejudge(List<IncidentEvent> recorded, Instant since) {
    List<IncidentEvent> events = new ArrayList<>(recorded);
    events.sort(
        Comparator.comparing((IncidentEvent e) -> e.header().occurredAt())
            .thenComparing(e -> e.header().stage().ordinal()));
    Map<EventId, RecordedDecision> decisions = new HashMap<>();
    for (IncidentEvent e : events) {
      RecordedDecision.of(e).ifPresent(d -> decisions.putIfAbsent(e.header().causationId(), d));
    }
    List<Change> changes = new ArrayList<>();
    int proposals = 0;
    int unrecorded = 0;
    for (int i = 0; i < events.size(); i++) {
      if (!(events.get(i) instanceof DiagnosisProposed proposal)
          || proposal.header().occurredAt().isBefore(since)) {
        continue;
      }
      RecordedDecision was = decisions.get(proposal.eventId());
      if (was == null) {
        unrecorded++;
        continue;
      }
      proposals++;
      Decision now = decide(proposal, events.subList(0, i));
      changed(proposal, was, now).ifPresent(changes::add);
    }
    return new Result(proposals, unrecorded, changes);
  }

  private Decision decide(DiagnosisProposed proposal, List<IncidentEvent> before) {
    Clock clock = Clock.fixed(proposal.header().occurredAt(), ZoneOffset.UTC);
    return ProposalReviewer.withHistory(Guardrails.of(book, clock), before, clock)
        .decide(proposal.signals(), proposal);
  }

  private static Optional<Change> changed(
      DiagnosisProposed proposal, RecordedDecision was, Decision now) {
    if (was.outcome() == now.outcome() && Objects.equals(was.action(), now.action())) {
      return Optional.empty();
    }
    Set<String> failedThen = failing(was.verdicts());
    Set<String> failingNow = failing(now.verdicts());
    return Optional.of(
        new Change(
            proposal.incidentId(),
            proposal.header().occurredAt(),
            proposal.answeredBy(),
            was.outcome(),
            was.action(),
            now.outcome(),
            now.action(),
            now.verdicts().stream()
                .filter(v -> v.outcome() != VerdictOutcome.ALLOW)
                .filter(v -> !failedThen.contains(v.policyId()))
                .toList(),
            was.verdicts().stream()
                .filter(v -> v.outcome() != VerdictOutcome.ALLOW)
                .filter(v -> !failingNow.contains(v.policyId()))
                .toList()));
  }

  private static Set<String> failing(List<PolicyVerdict> verdicts) {
    return verdicts.stream()
        .filter(v -> v.outcome() != VerdictOutcome.ALLOW)
        .map(PolicyVerdict::policyId)
        .collect(Collectors.toSet());
  }
}
