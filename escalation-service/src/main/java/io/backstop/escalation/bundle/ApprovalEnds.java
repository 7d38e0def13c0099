package io.backstop.escalation.bundle;

import io.backstop.events.ActionApproved;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.Escalated;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.id.ActionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How an approval of an incident ended, read from the incident's record: who approved or denied it,
 * when and from where, or that it lapsed, and what that means for the people on the ticket and the
 * page. It also says which approvals of an incident are not settled (still pending, denied, lapsed,
 * or approved and then refused by the re-check): while one is, nothing Backstop does closes the
 * incident as resolved, because a person was asked and did not say yes.
 */
public final class ApprovalEnds {

  /** What became of an approval. */
  public enum Outcome {
    PENDING,
    APPROVED,
    DENIED,
    EXPIRED,
    /** Approved by enough people, then refused by the guardrail's re-check. */
    BLOCKED;

    public boolean settled() {
      return this == APPROVED;
    }
  }

  /**
   * One approval and how it ended. {@code people} are the decisions on it (oldest first), {@code
   * at} when it ended (the decisive decision, or the lapse), {@code closing} the event that ended
   * it (an {@code ActionApproved} or the guardrail's {@code Escalated}), absent while pending.
   */
  public record End(
      ApprovalRequested request,
      Outcome outcome,
      List<HumanDecision> people,
      Instant at,
      Optional<IncidentEvent> closing) {

    public End {
      people = List.copyOf(people);
    }

    /**
     * The sentence for the ticket and the page: the action, the outcome, who, when, from where and
     * what they said, what happens next, and where to see it ({@code url} may be empty).
     */
    public String sentence(String url) {
      StringBuilder s = new StringBuilder();
      s.append("Approval of ").append(Headlines.action(request.action())).append(": ");
      switch (outcome) {
        case APPROVED ->
            s.append("APPROVED by ")
                .append(who(DecisionVerdictFilter.APPROVALS))
                .append(". The executor writes it next, re-checking its preconditions first; its")
                .append(" outcome follows.");
        case DENIED ->
            s.append("DENIED by ").append(who(DecisionVerdictFilter.DENIALS)).append(". ");
        case EXPIRED ->
            s.append("EXPIRED at ")
                .append(request.expiresAt())
                .append(" with ")
                .append(approvals().size())
                .append(" of ")
                .append(request.approversRequired())
                .append(" approval(s)")
                .append(
                    approvals().isEmpty() ? "" : " (" + who(DecisionVerdictFilter.APPROVALS) + ")")
                .append(". ");
        case BLOCKED ->
            s.append("APPROVED by ")
                .append(who(DecisionVerdictFilter.APPROVALS))
                .append(", then REFUSED by the guardrail's re-check (")
                .append(closing.map(ApprovalEnds::reasonOf).orElse(""))
                .append("). ");
        case PENDING ->
            s.append("PENDING until ")
                .append(request.expiresAt())
                .append(" (")
                .append(approvals().size())
                .append(" of ")
                .append(request.approversRequired())
                .append(" approval(s)). ");
      }
      if (outcome != Outcome.APPROVED && outcome != Outcome.PENDING) {
        s.append("Nothing was written; the incident stays open until a person closes it.");
      }
      if (url != null && !url.isBlank()) {
        s.append(" Console: ").append(url);
      }
      return s.toString().strip();
    }

    /** The people who said yes, in order. */
    public List<HumanDecision> approvals() {
      return people.stream()
          .filter(d -> d.verdict() == io.backstop.events.approval.DecisionVerdict.APPROVED)
          .toList();
    }

    private String who(DecisionVerdictFilter filter) {
      List<HumanDecision> chosen =
          people.stream().filter(d -> filter.matches(d)).collect(Collectors.toList());
      if (chosen.isEmpty()) {
        return "no one";
      }
      return chosen.stream()
          .map(
              d ->
                  d.principal()
                      + " at "
                      + d.decidedAt()
                      + " ("
                      + d.origin()
                      + (d.comment().isBlank() ? "" : ": \"" + d.comment() + "\"")
                      + ")")
          .collect(Collectors.joining(", "));
    }
  }

  private enum DecisionVerdictFilter {
    APPROVALS,
    DENIALS;

    boolean matches(HumanDecision d) {
      boolean approved = d.verdict() == io.backstop.events.approval.DecisionVerdict.APPROVED;
      return this == APPROVALS ? approved : !approved;
    }
  }

  private ApprovalEnds() {}

  /**
   * The approval that {@code event} ends, if it ends one: a person's {@code ActionApproved}, or the
   * guardrail's {@code Escalated} caused by the request (it lapsed) or by a decision on it (denied,
   * or refused by the re-check).
   */
  public static Optional<End> endedBy(IncidentEvent event, List<IncidentEvent> events) {
    if (event instanceof ActionApproved a && a.humanApproved()) {
      return request(a.actionId(), events).map(r -> end(r, events));
    }
    if (event instanceof Escalated e && e.header().stage() == Stage.GUARDRAIL) {
      return requestCausing(e, events).map(r -> end(r, events));
    }
    return Optional.empty();
  }

  /** Every approval of the incident, as its record says it ended (or that it has not). */
  public static List<End> all(List<IncidentEvent> events) {
    List<End> ends = new ArrayList<>();
    for (IncidentEvent e : events) {
      if (e instanceof ApprovalRequested r
          && ends.stream().noneMatch(x -> x.request().actionId().equals(r.actionId()))) {
        ends.add(end(r, events));
      }
    }
    return ends;
  }

  /**
   * The approvals that keep the incident open: every one not approved, except the one for {@code
   * acted} (the action whose outcome is being reported).
   */
  public static List<End> unsettled(List<IncidentEvent> events, ActionId acted) {
    return all(events).stream()
        .filter(x -> !x.outcome().settled())
        .filter(x -> !x.request().actionId().equals(acted))
        .toList();
  }

  private static End end(ApprovalRequested r, List<IncidentEvent> events) {
    List<HumanDecision> people =
        events.stream()
            .filter(HumanDecision.class::isInstance)
            .map(HumanDecision.class::cast)
            .filter(d -> d.actionId().equals(r.actionId()))
            .filter(d -> d.incidentId().equals(r.incidentId()))
            .toList();
    for (IncidentEvent e : events) {
      if (e instanceof ActionApproved a && a.humanApproved() && a.actionId().equals(r.actionId())) {
        Instant at =
            a.approvers().stream()
                .map(io.backstop.events.approval.Approver::decidedAt)
                .max(Instant::compareTo)
                .orElse(a.header().occurredAt());
        return new End(r, Outcome.APPROVED, people, at, Optional.of(a));
      }
      if (e instanceof Escalated x
          && x.header().stage() == Stage.GUARDRAIL
          && requestCausing(x, events).filter(c -> c.actionId().equals(r.actionId())).isPresent()) {
        return new End(r, outcomeOf(x.reason()), people, closedAt(x, r, people), Optional.of(x));
      }
    }
    return new End(r, Outcome.PENDING, people, r.expiresAt(), Optional.empty());
  }

  private static Outcome outcomeOf(EscalationReason reason) {
    return switch (reason) {
      case APPROVAL_DENIED -> Outcome.DENIED;
      case APPROVAL_EXPIRED -> Outcome.EXPIRED;
      default -> Outcome.BLOCKED;
    };
  }

  private static Instant closedAt(Escalated x, ApprovalRequested r, List<HumanDecision> people) {
    if (x.reason() == EscalationReason.APPROVAL_EXPIRED) {
      return r.expiresAt();
    }
    return people.stream()
        .filter(d -> d.eventId().equals(x.header().causationId()))
        .map(HumanDecision::decidedAt)
        .findFirst()
        .orElse(x.header().occurredAt());
  }

  private static Optional<ApprovalRequested> request(ActionId id, List<IncidentEvent> events) {
    return events.stream()
        .filter(ApprovalRequested.class::isInstance)
        .map(ApprovalRequested.class::cast)
        .filter(r -> r.actionId().equals(id))
        .findFirst();
  }

  private static Optional<ApprovalRequested> requestCausing(
      Escalated e, List<IncidentEvent> events) {
    for (IncidentEvent c : events) {
      if (!c.eventId().equals(e.header().causationId())) {
        continue;
      }
      if (c instanceof ApprovalRequested r) {
        return Optional.of(r);
      }
      if (c instanceof HumanDecision d) {
        return request(d.actionId(), events);
      }
    }
    return Optional.empty();
  }

  private static String reasonOf(IncidentEvent closing) {
    return closing instanceof Escalated e ? e.reason() + ": " + e.summary() : "";
  }
}
