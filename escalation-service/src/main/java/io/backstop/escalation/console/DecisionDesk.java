package io.backstop.escalation.console;

import io.backstop.events.ApprovalRequested;
import io.backstop.events.EventHeader;
import io.backstop.events.HumanDecision;
import io.backstop.events.RequestRefused;
import io.backstop.events.Stage;
import io.backstop.events.approval.DecisionVerdict;
import io.backstop.events.approval.RefusalReason;
import io.backstop.events.id.ActionId;
import io.backstop.stream.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a person's approve or deny (from the console, the API or the CLI) into a {@link
 * HumanDecision} on {@code backstop.decisions.v1} and the audit, for the guardrail to judge. What
 * the console can already see is wrong is refused here, on the record, and never sent: an unknown
 * approval, one already closed or lapsed, a decision without a comment, a person approving twice.
 * The guardrail checks all of it again (and the approver list, the hard rules and the breaker): the
 * console's view may lag, the guardrail's judgement does not.
 */
public final class DecisionDesk {

  /** The longest comment kept; a decision's reason, not an essay. */
  public static final int MAX_COMMENT = 2_000;

  /** What became of a decision. */
  public sealed interface Outcome {
    /** Sent to the guardrail. */
    record Sent(HumanDecision decision) implements Outcome {}

    /** Refused by the console, on the record. */
    record Refused(RefusalReason reason, String detail, Optional<RequestRefused> audited)
        implements Outcome {}
  }

  private final ConsoleBoard board;
  private final EventPublisher publisher;
  private final Refusals refusals;
  private final Clock clock;

  public DecisionDesk(
      ConsoleBoard board, EventPublisher publisher, Refusals refusals, Clock clock) {
    this.board = board;
    this.publisher = publisher;
    this.refusals = refusals;
    this.clock = clock;
  }

  public Outcome decide(
      ActionId actionId, String principal, String origin, DecisionVerdict verdict, String comment) {
    Instant now = clock.instant();
    String request = verdict + " " + actionId;
    Optional<ApprovalView> found = board.approval(actionId);
    if (found.isEmpty()) {
      return refuse(
          principal,
          origin,
          request,
          actionId,
          RefusalReason.UNKNOWN_APPROVAL,
          "no approval " + actionId + " was requested");
    }
    ApprovalView approval = found.get();
    String why = comment == null ? "" : comment.strip();
    if (why.isEmpty()) {
      return refuse(
          principal, origin, request, actionId, RefusalReason.MALFORMED, "a comment is required");
    }
    if (why.length() > MAX_COMMENT) {
      return refuse(
          principal,
          origin,
          request,
          actionId,
          RefusalReason.MALFORMED,
          "the comment is longer than " + MAX_COMMENT + " characters");
    }
    if (approval.status() == ApprovalStatus.EXPIRED
        || (approval.status().open() && approval.request().expiredAt(now))) {
      return refuse(
          principal,
          origin,
          request,
          actionId,
          RefusalReason.EXPIRED,
          "the approval expired at " + approval.request().expiresAt());
    }
    if (!approval.status().open()) {
      return refuse(
          principal,
          origin,
          request,
          actionId,
          RefusalReason.ALREADY_DECIDED,
          "the approval is already " + approval.status());
    }
    if (verdict == DecisionVerdict.APPROVED && approval.approvedBy(principal)) {
      return refuse(
          principal,
          origin,
          request,
          actionId,
          RefusalReason.SAME_APPROVER,
          principal + " already approved; one person never counts twice");
    }
    return new Outcome.Sent(
        publisher.publish(decision(approval.request(), principal, origin, verdict, why, now)));
  }

  /** The decision as the guardrail expects it: reacting to the request, chained to its hash. */
  static HumanDecision decision(
      ApprovalRequested request,
      String principal,
      String origin,
      DecisionVerdict verdict,
      String comment,
      Instant now) {
    EventHeader header =
        new EventHeader(
            HumanDecision.idFor(request.eventId(), principal, verdict),
            request.incidentId(),
            request.eventId(),
            Stage.ESCALATION,
            now,
            1,
            request.header().hash(),
            null);
    return new HumanDecision(
        header,
        request.actionId(),
        verdict,
        principal,
        now,
        origin,
        comment,
        request.action().target().namespace());
  }

  private Outcome refuse(
      String principal,
      String origin,
      String request,
      ActionId actionId,
      RefusalReason reason,
      String detail) {
    return new Outcome.Refused(
        reason,
        detail,
        refusals.record(principal, origin, request, Optional.of(actionId), reason, detail));
  }
}
