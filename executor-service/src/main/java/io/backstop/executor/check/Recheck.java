package io.backstop.executor.check;

import io.backstop.events.action.PolicyVerdict;
import java.util.List;

/**
 * The executor's own verdict on an approval, from the same action gate and policy file the
 * guardrail used. {@code allowed} only when every verdict allowed; {@code reason} names what did
 * not.
 */
public record Recheck(boolean allowed, List<PolicyVerdict> verdicts, String reason) {

  public Recheck {
    verdicts = List.copyOf(verdicts);
    reason = reason == null ? "" : reason;
  }

  public static Recheck denied(String reason, List<PolicyVerdict> verdicts) {
    return new Recheck(false, verdicts, reason);
  }
}
