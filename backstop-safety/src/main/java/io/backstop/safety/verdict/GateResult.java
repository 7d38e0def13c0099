package io.backstop.safety.verdict;

import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.VerdictOutcome;
import java.util.ArrayList;
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
    boolean escalates = false;
    for (int i = 0, n = verdicts.size(); i < n; i++) { // by index: no iterator per call
      Verdict v = verdicts.get(i);
      if (v instanceof Verdict.Deny) {
        return VerdictOutcome.DENY;
      }
      escalates |= v instanceof Verdict.Escalate;
    }
    return escalates ? VerdictOutcome.ESCALATE : VerdictOutcome.ALLOW;
  }

  public boolean passed() {
    return outcome() == VerdictOutcome.ALLOW;
  }

  /** The verdicts that did not allow. */
  public List<Verdict> failures() {
    List<Verdict> failures = new ArrayList<>();
    for (int i = 0, n = verdicts.size(); i < n; i++) {
      Verdict v = verdicts.get(i);
      if (!v.allows()) {
        failures.add(v);
      }
    }
    return List.copyOf(failures);
  }

  public List<PolicyVerdict> toRecords() {
    PolicyVerdict[] records = new PolicyVerdict[verdicts.size()];
    for (int i = 0; i < records.length; i++) {
      records[i] = verdicts.get(i).toRecord(gate);
    }
    return List.of(records);
  }
}
