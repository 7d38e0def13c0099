package io.backstop.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.backstop.events.approval.DecisionVerdict;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.EventId;
import java.time.Instant;

/**
 * A person approved or denied a pending approval: who (the principal the console authenticated),
 * when, from where (the client address, or the CLI), and why. It reacts to the {@link
 * ApprovalRequested} it decides, so its id is derived from that approval, the person and the
 * verdict: the same person's same decision sent twice is one event.
 *
 * <p>{@code namespace} is the namespace of the action decided on, as the approval named it: it
 * routes the decision to the partition of that namespace, the one the guardrail instance that owns
 * the namespace's breaker reads (issue 14's scale-out). Absent in documents written before it (read
 * as {@code null}: such a decision is routed by its incident, as before).
 */
public record HumanDecision(
    EventHeader header,
    ActionId actionId,
    DecisionVerdict verdict,
    String principal,
    Instant decidedAt,
    String origin,
    String comment,
    @JsonInclude(JsonInclude.Include.NON_NULL) String namespace)
    implements IncidentEvent {

  public HumanDecision {
    Require.present(header, "header");
    Require.present(actionId, "actionId");
    Require.present(verdict, "verdict");
    Require.text(principal, "principal");
    Require.present(decidedAt, "decidedAt");
    origin = origin == null ? "" : origin;
    comment = comment == null ? "" : comment;
    namespace = namespace == null || namespace.isBlank() ? null : namespace;
  }

  /** A decision that names no namespace (routed by its incident). */
  public HumanDecision(
      EventHeader header,
      ActionId actionId,
      DecisionVerdict verdict,
      String principal,
      Instant decidedAt,
      String origin,
      String comment) {
    this(header, actionId, verdict, principal, decidedAt, origin, comment, null);
  }

  /** The id of one person's decision on one approval: the same click twice is one event. */
  public static EventId idFor(EventId approval, String principal, DecisionVerdict verdict) {
    return EventId.derive(
        approval, Stage.ESCALATION.name(), "HumanDecision|" + principal + "|" + verdict, 1);
  }

  @Override
  public HumanDecision withHeader(EventHeader newHeader) {
    return new HumanDecision(
        newHeader, actionId, verdict, principal, decidedAt, origin, comment, namespace);
  }
}
