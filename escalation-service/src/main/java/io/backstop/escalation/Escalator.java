package io.backstop.escalation;

import io.backstop.escalation.bundle.ApprovalEnds;
import io.backstop.escalation.bundle.Headlines;
import io.backstop.escalation.paging.PagerEvent;
import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.Escalated;
import io.backstop.events.EscalationDelivered;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.codec.EventCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a human, once per incident: one page (dedup key = incident id) and one ticket holding the
 * whole timeline, for every {@code Escalated} and {@code ActionExecuted}.
 *
 * <ul>
 *   <li>{@code Escalated}: trigger the page; create the ticket, or update it with the new timeline.
 *   <li>{@code ActionExecuted} that needs a human (NOT_RECOVERED, REVERTED, REFUSED, FAILED):
 *       trigger the same page at error severity; update or create the ticket.
 *   <li>{@code ActionExecuted} VERIFIED: the agent fixed it, and the on-call must know it acted. If
 *       a page is open it is resolved; if none was sent, an info-severity trigger says what was
 *       done and is resolved at once, so the record exists in the pager without waking anyone on a
 *       low-urgency rule. The ticket is updated (or opened) and marked resolved.
 *   <li>{@code ALREADY_APPLIED}: no page (nothing new happened); the ticket notes it.
 *   <li>Every outcome that wrote ({@code ExecutionStatus.written()}): a PagerDuty change event, so
 *       the service's change timeline shows the rollback, restart or scale and its incident.
 * </ul>
 *
 * Backstop never acknowledges a page: acknowledging says "a human is on it", which the agent cannot
 * claim. Each delivery is recorded as {@code EscalationDelivered}; a delivery already done (known
 * from the audit log or this instance) is skipped, so a redelivered event changes nothing. A page
 * the pager does not take (down, slow, busy) is recorded PENDING and retried in the background
 * ({@link PageRetries}) until it is taken; only a page or ticket the receiver refuses is
 * dead-lettered, with the source intact, and logged at ERROR; the other channel is still attempted.
 */
public final class Escalator {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Escalator.class);

  private final Collaborators c;
  private final Object[] locks = new Object[64];

  public Escalator(Collaborators collaborators) {
    this.c = collaborators;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
    c.pages().handler(this::retryPages);
  }

  /**
   * Handles an owed source again, off the consumer thread (its records commit in a transaction of
   * their own); returns whether a page of it is still owed.
   */
  boolean retryPages(PageRetries.Owed owed) {
    synchronized (lockFor(owed.source())) {
      Handling h;
      if (owed.source() instanceof Escalated e) {
        h = escalated(e, owed.received());
      } else if (owed.source() instanceof io.backstop.events.ApprovalRequested r) {
        h = approvalRequested(r, owed.received());
      } else if (owed.source() instanceof ActionApproved a) {
        h = approved(a, owed.received());
      } else {
        h = outcome((ActionExecuted) owed.source(), owed.received());
      }
      h.flush();
      return h.pageOwed();
    }
  }

  public List<EscalationDelivered> onEscalated(Escalated e) {
    return onEscalated(e, EventCodec.encode(e));
  }

  /** {@code received} is the record as it came, which a dead letter carries unchanged. */
  public List<EscalationDelivered> onEscalated(Escalated e, byte[] received) {
    synchronized (lockFor(e)) {
      return escalated(e, received).flush();
    }
  }

  /**
   * A hop dead-lettered a record: the incident stops there unless a person takes over. Page and
   * open or update the incident's ticket, once per dead-lettered record (the notice's escalation
   * has an id fixed by topic, partition and offset).
   */
  public List<EscalationDelivered> onDeadLetter(DeadLetterNotice notice) {
    Escalated e = notice.escalation();
    synchronized (lockFor(e)) {
      return escalated(e, notice.received()).flush();
    }
  }

  /** A person must approve or deny an exact write: page, and open or update the ticket. */
  public List<EscalationDelivered> onApprovalRequested(
      io.backstop.events.ApprovalRequested r, byte[] received) {
    synchronized (lockFor(r)) {
      return approvalRequested(r, received).flush();
    }
  }

  /**
   * A person's approval went through the guardrail ({@code ActionApproved} with approvers, read
   * from the audit log): the ticket says who approved when and that the executor writes next; an
   * open page hears it too. Nothing is said when the action's outcome is already on the record (the
   * outcome's update carried it), nor for the guardrail's own approvals.
   */
  public List<EscalationDelivered> onApproved(ActionApproved a, byte[] received) {
    if (!a.humanApproved()) {
      return List.of();
    }
    synchronized (lockFor(a)) {
      return approved(a, received).flush();
    }
  }

  public List<EscalationDelivered> onOutcome(ActionExecuted x) {
    return onOutcome(x, EventCodec.encode(x));
  }

  public List<EscalationDelivered> onOutcome(ActionExecuted x, byte[] received) {
    synchronized (lockFor(x)) {
      return outcome(x, received).flush();
    }
  }

  /**
   * One incident is handled by one thread at a time in this instance (the two bindings run on two
   * threads), so an escalation and an outcome of the same incident cannot both open a ticket.
   */
  private Object lockFor(IncidentEvent event) {
    return locks[Math.floorMod(event.incidentId().hashCode(), locks.length)];
  }

  private Handling escalated(Escalated e, byte[] received) {
    Handling h = start(e, received, Topics.ESCALATIONS);
    Optional<ApprovalEnds.End> end = ApprovalEnds.endedBy(e, h.events());
    h.page(
        Operations.TRIGGER,
        () -> {
          PagerEvent page = c.composer().escalation(e, h.bundle());
          return end.map(x -> c.composer().approvalEnded(page, x)).orElse(page);
        });
    String comment =
        end.map(x -> x.sentence(c.composer().approvalUrl(x.request().actionId()).orElse("")))
            .map(s -> s + " Suggested: " + e.suggestedAction())
            .orElse(
                "Escalated: "
                    + e.reason()
                    + ". "
                    + e.summary()
                    + " Suggested: "
                    + e.suggestedAction());
    h.ticket(
        "[Backstop] " + e.reason() + (e.target() == null ? "" : " on " + e.target()),
        e.severity().name().toLowerCase(Locale.ROOT),
        comment,
        null,
        e.reason().name().toLowerCase(Locale.ROOT));
    return h;
  }

  private Handling approved(ActionApproved a, byte[] received) {
    Handling h = start(a, received, Topics.APPROVALS);
    Optional<ApprovalEnds.End> end = ApprovalEnds.endedBy(a, h.events());
    boolean outcomeKnown =
        h.events().stream()
            .anyMatch(e -> e instanceof ActionExecuted x && x.actionId().equals(a.actionId()));
    if (end.isEmpty() || outcomeKnown) {
      return h;
    }
    String url = c.composer().approvalUrl(a.actionId()).orElse("");
    if (c.ledger().pageOpen(a.incidentId())) {
      h.page(
          Operations.TRIGGER,
          () -> c.composer().approvalEnded(c.composer().approved(a, h.bundle()), end.get()));
    }
    h.ticket(
        "[Backstop] APPROVED: " + Headlines.action(a.action()),
        "info",
        end.get().sentence(url),
        null,
        "approval-approved");
    return h;
  }

  private Handling approvalRequested(io.backstop.events.ApprovalRequested r, byte[] received) {
    Handling h = start(r, received, Topics.APPROVALS);
    h.page(Operations.TRIGGER, () -> c.composer().approval(r, h.bundle()));
    String link =
        c.composer().approvalUrl(r.actionId()).map(u -> " Approve or deny: " + u).orElse("");
    h.ticket(
        "[Backstop] APPROVAL NEEDED: " + Headlines.action(r.action()),
        "critical",
        "Approval requested: "
            + r.summary()
            + " It lapses at "
            + r.expiresAt()
            + " and needs "
            + r.approversRequired()
            + " distinct approver(s)."
            + link,
        null,
        "approval-requested");
    return h;
  }

  private Handling outcome(ActionExecuted x, byte[] received) {
    Handling h = start(x, received, Topics.OUTCOMES);
    boolean verified = x.status() == ExecutionStatus.VERIFIED;
    // A person was asked about another write of this incident and did not say yes (or has not
    // yet): the incident is not resolved, whatever this action achieved. A person closes it.
    List<ApprovalEnds.End> unsettled = ApprovalEnds.unsettled(h.events(), x.actionId());
    boolean resolves = verified && unsettled.isEmpty();
    if (x.status().needsHuman()) {
      h.page(Operations.TRIGGER, () -> c.composer().outcome(x, h.bundle()));
    } else if (verified) {
      if (!c.ledger().pageOpen(x.incidentId())) {
        h.page(Operations.TRIGGER, () -> c.composer().outcome(x, h.bundle()));
      }
      if (resolves) {
        h.page(Operations.RESOLVE, () -> c.composer().resolve(x.incidentId()));
      }
    }
    String headline = Headlines.action(x.action()) + ": " + x.status();
    StringBuilder comment =
        new StringBuilder(
            "Action " + headline + (x.reason().isBlank() ? "" : " (" + x.reason() + ")"));
    if (verified && !resolves) {
      comment.append(". Not resolved: ");
      unsettled.forEach(
          u ->
              comment
                  .append(u.sentence(c.composer().approvalUrl(u.request().actionId()).orElse("")))
                  .append(' '));
    }
    h.ticket(
        "[Backstop] " + headline,
        verified ? "info" : "error",
        comment.toString().strip(),
        resolves ? "resolved" : null,
        "action-" + x.status().name().toLowerCase(Locale.ROOT));
    if (x.status().written()) {
      h.change(() -> c.composer().change(x));
    }
    return h;
  }

  private Handling start(IncidentEvent source, byte[] received, String inputTopic) {
    List<IncidentEvent> events = new ArrayList<>(history(source));
    if (events.stream().noneMatch(e -> e.eventId().equals(source.eventId()))) {
      events.add(source);
    }
    c.ledger()
        .absorb(
            events.stream()
                .filter(EscalationDelivered.class::isInstance)
                .map(EscalationDelivered.class::cast)
                .toList());
    return new Handling(c, source, received, inputTopic, events);
  }

  /** The incident's record; when the audit cannot be read the page still goes out, without it. */
  private List<IncidentEvent> history(IncidentEvent source) {
    try {
      return c.history().eventsOf(source.incidentId());
    } catch (RuntimeException e) {
      log.warn(
          "audit of incident {} unreadable; delivering with the current event only: {}",
          source.incidentId(),
          e.toString());
      return List.of();
    }
  }

  /** A page request, built lazily so a skipped delivery renders nothing. */
  @FunctionalInterface
  interface PageRequest {
    PagerEvent build();
  }
}
