package io.backstop.safety.verdict;

import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.VerdictOutcome;
import java.util.List;

/**
 * Every verdict one gate returned. Safety rationale: the gate passes only when it returned at least
 * one verdict and all of them allow; an empty result is a failure, never a pass.
 */
public record GateResult(Gate gate, List<Verdict> verdicts) {

  public GateResult {
    verdicts = List.copyOf(verdicts);
  }

  /** ALLOW only when non-empty and all allow; DENY if any denies; otherwise ESCALATE. */
  public VerdictOutcome outcome() {
    if (verdicts.isEmpty()) {
      return VerdictOutcome.DENY;
    }
    if (verdicts.stream().anyMatch(v -> v instanceof Verdict.Deny)) {
      return VerdictOutcome.DENY;
    }
    if (verdicts.stream().anyMatch(v -> v instanceof Verdict.Escalate)) {
      return VerdictOutcome.ESCALATE;
    }
    return VerdictOutcome.ALLOW;
  }

  public boolean passed() {
    return outcome() == VerdictOutcome.ALLOW;
  }

  /** The verdicts that did not allow. */
  public List<Verdict> failures() {
    return verdicts.stream().filter(v -> !v.allows()).toList();
  }

  public List<PolicyVerdict> toRecords() {
    return verdicts.stream().map(v -> v.toRecord(gate)).toList();
  }
}
