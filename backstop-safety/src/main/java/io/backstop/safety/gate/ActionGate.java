package io.backstop.safety.gate;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.action.ApprovedAction;
import io.backstop.safety.facts.ProposedWrite;
import io.backstop.safety.facts.Subject;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.verdict.Gate;
import io.backstop.safety.verdict.GateResult;

/**
 * The last check before any write: one Deployment in an allowed namespace, never protected, within
 * the blast radius, and the action the evidence calls for. Safety rationale: the guardrail's review
 * runs the action gate's policies on the recommendation ({@code Review}, through {@link
 * ActionCheck}), and the executor runs them AGAIN ({@link #recheck}) on the approved action with
 * the approval's embedded diagnosis, so a forged or stale approval is still stopped.
 */
public final class ActionGate {

  private final PolicyBook book;

  public ActionGate(PolicyBook book) {
    this.book = book;
  }

  /**
   * The executor's re-check of an approved action against the diagnosis it was approved from (whose
   * embedded signals are the evidence). The approval itself is not counted as a prior write.
   */
  public GateResult recheck(ApprovedAction approved, DiagnosisProposed diagnosis) {
    return recheck(approved, diagnosis, 0);
  }

  public GateResult recheck(
      ApprovedAction approved, DiagnosisProposed diagnosis, int writesApprovedBefore) {
    Subject subject =
        new Subject(
            diagnosis,
            diagnosis.signals(),
            ProposedWrite.approved(approved, diagnosis),
            writesApprovedBefore);
    return SubjectFacts.of(subject, book.settings()).run(book.gate(Gate.ACTION));
  }
}
