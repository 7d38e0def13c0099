package io.backstop.safety.gate;

import io.backstop.safety.verdict.GateResult;

/**
 * The action gate's answer for a recommended write: its verdicts and the executable candidate.
 * Safety rationale: the candidate is only usable when {@link #approvable()}: the gate passed AND an
 * executable action with preconditions exists.
 */
public record ActionCheck(GateResult result, Candidate candidate) {

  public boolean approvable() {
    return result.passed()
        && candidate.action().isPresent()
        && candidate.preconditions().isPresent();
  }
}
