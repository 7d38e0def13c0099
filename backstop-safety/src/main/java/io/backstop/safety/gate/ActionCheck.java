package io.backstop.safety.gate;

import io.backstop.safety.facts.Subject;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.verdict.Gate;
import io.backstop.safety.verdict.GateResult;

/**
 * The action gate's answer for a recommended write: its verdicts and the executable candidate.
 * Safety rationale: the candidate is only usable when {@link #approvable()}: the gate passed AND an
 * executable action with preconditions exists.
 */
public record ActionCheck(GateResult result, Candidate candidate) {

  /** The action gate run on already computed facts, for the review that computed them. */
  public static ActionCheck of(SubjectFacts facts, Subject subject, PolicyBook book) {
    return new ActionCheck(facts.run(book.gate(Gate.ACTION)), Candidate.of(subject));
  }

  public boolean approvable() {
    return result.passed()
        && candidate.action().isPresent()
        && candidate.preconditions().isPresent();
  }
}
