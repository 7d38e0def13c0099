package io.backstop.safety.review;

import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.escalation.EscalationReason;
import java.util.List;

/**
 * The hard rules and the breaker re-run when a person's approval completes, on the approval's own
 * diagnosis and the incident's state now. Safety rationale: an approval only ever releases the
 * write it named; if the rules, the incident (another write since) or the breaker changed, it is
 * refused and escalated with {@code reason}, never written.
 */
public record ApprovalCheck(
    boolean passed, List<PolicyVerdict> verdicts, EscalationReason reason, String why) {

  public ApprovalCheck {
    verdicts = List.copyOf(verdicts);
    why = why == null ? "" : why;
  }

  static ApprovalCheck pass(List<PolicyVerdict> verdicts) {
    return new ApprovalCheck(true, verdicts, null, "");
  }

  static ApprovalCheck fail(List<PolicyVerdict> verdicts, EscalationReason reason, String why) {
    return new ApprovalCheck(false, verdicts, reason, why);
  }
}
