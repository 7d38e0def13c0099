package io.backstop.scenario;

import io.backstop.events.escalation.EscalationReason;
import java.util.List;

/**
 * The outcome a run must reach: a verified action ({@code action}) or an escalation ({@code
 * reason}); either way the workloads named in {@code untouched} must not be written.
 */
public record Expected(
    Outcome outcome, ExpectedAction action, EscalationReason reason, List<String> untouched) {

  public Expected {
    untouched = untouched == null ? List.of() : List.copyOf(untouched);
  }

  /** How an incident ends. */
  public enum Outcome {
    ACTION_VERIFIED,
    ESCALATED
  }
}
