package io.backstop.scenario;

import io.backstop.events.escalation.EscalationReason;
import java.util.List;

/**
 * The outcome a run must reach: a verified action ({@code action}), or an escalation or a request
 * for a person's approval ({@code reason}) whose summary names every workload in {@code mentions}
 * (each leg of a release train) and whose verdicts include a denial or escalation by each policy in
 * {@code stoppedBy}; either way the workloads named in {@code untouched} must not be written.
 */
public record Expected(
    Outcome outcome,
    ExpectedAction action,
    EscalationReason reason,
    List<String> untouched,
    List<String> mentions,
    List<String> stoppedBy) {

  public Expected {
    untouched = untouched == null ? List.of() : List.copyOf(untouched);
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
    stoppedBy = stoppedBy == null ? List.of() : List.copyOf(stoppedBy);
  }

  public Expected(
      Outcome outcome, ExpectedAction action, EscalationReason reason, List<String> untouched) {
    this(outcome, action, reason, untouched, null, null);
  }

  /**
   * How an incident ends: a verified action; an escalation; or a write that passed every hard rule
   * but waits for a person to approve it (the run ends there: nobody approves it).
   */
  public enum Outcome {
    ACTION_VERIFIED,
    ESCALATED,
    APPROVAL_REQUESTED;

    /** Whether a person, not Backstop, acts next, for the reason the run expects. */
    public boolean needsPerson() {
      return this != ACTION_VERIFIED;
    }
  }
}
