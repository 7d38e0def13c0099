package io.backstop.guardrail.approval;

import io.backstop.events.ApprovalRequested;
import io.backstop.events.Escalated;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.RequestRefused;
import io.backstop.events.Stage;
import io.backstop.events.approval.Approver;
import io.backstop.events.approval.DecisionVerdict;
import io.backstop.events.approval.RefusalReason;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.guardrail.GuardrailProperties;
import io.backstop.guardrail.state.GuardrailState;
import io.backstop.safety.Guardrails;
import io.backstop.safety.review.ApprovalCheck;
import io.backstop.stream.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes a person's decision on a pending approval to its fact, and lapses approvals whose time is
 * up. A decision for an unknown or closed approval, from a person not allowed to approve, without a
 * comment, or from someone who already approved is refused on the record and changes nothing. A
 * denial closes the approval ({@code APPROVAL_DENIED}). The approval that completes the quorum of
 * distinct people re-runs every hard rule and the breaker on the approval's own diagnosis with the
 * incident's writes now, and only then releases the exact write as an {@code ActionApproved} naming
 * its approvers; otherwise it is escalated. Time is the guardrail's clock, never one a sender
 * wrote. Decisions and expiry are judged, published and applied under one lock, so an approval is
 * closed exactly once, whichever comes first. Any failure is a refusal: never a write.
 */
@Component
public class ApprovalDesk {

  private static final Logger LOG = LoggerFactory.getLogger(ApprovalDesk.class);

  private final ApprovalBook book;
  private final GuardrailState state;
  private final Guardrails guardrails;
  private final EventPublisher publisher;
  private final Set<String> allowed;
  private final Clock clock;

  public ApprovalDesk(
      ApprovalBook book,
      GuardrailState state,
      Guardrails guardrails,
      EventPublisher publisher,
      GuardrailProperties properties,
      Clock clock) {
    this.book = book;
    this.state = state;
    this.guardrails = guardrails;
    this.publisher = publisher;
    this.allowed =
        Set.copyOf(
            properties.approval().approvers().stream()
                .map(a -> a.strip().toLowerCase(Locale.ROOT))
                .toList());
    this.clock = clock;
  }

  /** Judges one decision, publishes what follows and applies it; returns what was published. */
  public synchronized List<IncidentEvent> decide(HumanDecision decision) {
    List<IncidentEvent> out;
    try {
      out = judge(decision, clock.instant());
    } catch (RuntimeException e) {
      LOG.error("decision {} on {} failed closed", decision.eventId(), decision.actionId(), e);
      out =
          List.of(
              ApprovalEvents.refused(
                  decision,
                  RefusalReason.INTERNAL_ERROR,
                  e.getClass().getSimpleName() + ": " + e.getMessage(),
                  clock.instant()));
    }
    book.apply(decision);
    state.apply(decision);
    return emit(out);
  }

  /** Lapses every open approval whose time is up: one {@code APPROVAL_EXPIRED} each. */
  public synchronized List<IncidentEvent> expireDue() {
    return expireDue(namespace -> true);
  }

  /**
   * Lapses the open approvals whose time is up and whose namespace {@code owned} says this instance
   * owns (another instance of the group lapses the others).
   */
  public synchronized List<IncidentEvent> expireDue(java.util.function.Predicate<String> owned) {
    Instant now = clock.instant();
    List<IncidentEvent> out = new ArrayList<>();
    for (PendingApproval pending : book.expiredAt(now)) {
      if (!owned.test(pending.request().action().target().namespace())) {
        continue;
      }
      out.addAll(emit(List.of(ApprovalEvents.expired(pending, now))));
    }
    return out;
  }

  private List<IncidentEvent> judge(HumanDecision decision, Instant now) {
    Optional<PendingApproval> found = book.find(decision.incidentId(), decision.actionId());
    if (found.isEmpty()) {
      return refuse(
          decision,
          RefusalReason.UNKNOWN_APPROVAL,
          "no approval of action "
              + decision.actionId()
              + " was requested in incident "
              + decision.incidentId(),
          now);
    }
    PendingApproval pending = found.get();
    ApprovalRequested request = pending.request();
    if (!request.eventId().equals(decision.header().causationId())) {
      return refuse(
          decision,
          RefusalReason.MALFORMED,
          "the decision does not react to the approval request " + request.eventId(),
          now);
    }
    if (!pending.open()) {
      return closed(decision, pending, now);
    }
    if (request.expiredAt(now)) {
      List<IncidentEvent> out = new ArrayList<>();
      out.add(ApprovalEvents.expired(pending, now));
      out.addAll(
          refuse(
              decision,
              RefusalReason.EXPIRED,
              "the approval expired at " + request.expiresAt(),
              now));
      return out;
    }
    Optional<String> notAllowed = notAllowed(decision);
    if (notAllowed.isPresent()) {
      return refuse(decision, RefusalReason.NOT_ALLOWED, notAllowed.get(), now);
    }
    if (decision.comment().isBlank()) {
      return refuse(decision, RefusalReason.MALFORMED, "a decision needs a comment", now);
    }
    if (decision.verdict() == DecisionVerdict.DENIED) {
      return List.of(ApprovalEvents.denied(pending, decision, now));
    }
    return approved(decision, pending, now);
  }

  private List<IncidentEvent> approved(
      HumanDecision decision, PendingApproval pending, Instant now) {
    List<Approver> approvers = new ArrayList<>(pending.approvers());
    if (!pending.counted(decision.eventId())) {
      if (pending.approvedBy(decision.principal())) {
        return refuse(
            decision,
            RefusalReason.SAME_APPROVER,
            decision.principal() + " already approved; one person never counts twice",
            now);
      }
      approvers.add(
          new Approver(
              decision.principal(),
              decision.decidedAt(),
              decision.origin(),
              decision.comment(),
              decision.eventId()));
    }
    ApprovalRequested request = pending.request();
    if (approvers.size() < request.approversRequired()) {
      return List.of();
    }
    var incident = decision.incidentId();
    ApprovalCheck check =
        guardrails
            .review()
            .recheckApproval(
                request.diagnosis(),
                request.action(),
                request.preconditions(),
                state.budget(incident).writesApproved(),
                state.breakers());
    if (!check.passed()) {
      return List.of(ApprovalEvents.blocked(pending, decision, check, now));
    }
    int budgetLeft = state.budget(incident).pointsLeft(guardrails.book().settings().budget());
    return List.of(ApprovalEvents.approved(pending, decision, approvers, check, budgetLeft, now));
  }

  /** A decision on a closed approval: its own outcome again, or a refusal. */
  private List<IncidentEvent> closed(HumanDecision decision, PendingApproval pending, Instant now) {
    IncidentEvent closedBy = pending.closedBy().orElseThrow();
    if (closedBy.header().causationId().equals(decision.eventId())) {
      return List.of(closedBy);
    }
    boolean expired =
        closedBy instanceof Escalated e && e.reason() == EscalationReason.APPROVAL_EXPIRED;
    return refuse(
        decision,
        expired ? RefusalReason.EXPIRED : RefusalReason.ALREADY_DECIDED,
        expired
            ? "the approval expired at " + pending.request().expiresAt()
            : "the approval was already closed by "
                + closedBy.eventType()
                + " "
                + closedBy.eventId(),
        now);
  }

  private Optional<String> notAllowed(HumanDecision decision) {
    if (decision.header().stage() != Stage.ESCALATION) {
      return Optional.of(
          "a decision must come from the escalation service, not " + decision.header().stage());
    }
    String who = decision.principal().strip().toLowerCase(Locale.ROOT);
    if (who.equals(io.backstop.events.RequestRefused.ANONYMOUS)
        || java.util.Arrays.stream(Stage.values()).anyMatch(s -> s.service().equals(who))) {
      return Optional.of("'" + decision.principal() + "' is not a person");
    }
    if (!allowed.isEmpty() && !allowed.contains(who)) {
      return Optional.of("'" + decision.principal() + "' is not on the guardrail's approver list");
    }
    return Optional.empty();
  }

  private static List<IncidentEvent> refuse(
      HumanDecision decision, RefusalReason reason, String detail, Instant now) {
    return List.of(ApprovalEvents.refused(decision, reason, detail, now));
  }

  /** Publishes each fact (a refusal to the audit only) and applies what was written. */
  private List<IncidentEvent> emit(List<IncidentEvent> events) {
    List<IncidentEvent> published = new ArrayList<>();
    for (IncidentEvent event : events) {
      IncidentEvent written =
          event instanceof RequestRefused ? publisher.record(event) : publisher.publish(event);
      state.apply(written);
      book.apply(written);
      published.add(written);
    }
    return published;
  }
}
