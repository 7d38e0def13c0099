package io.backstop.eval.run;

import io.backstop.eval.corpus.EvalCase;
import io.backstop.safety.review.Decision;

/**
 * The offline analyzer on one case: what the right answer is, what it proposed with which
 * confidence, whether that is right, and what the guardrail decided for its proposal (as an
 * OFFLINE-tier answer).
 */
public record AnalyzerResult(
    EvalCase evalCase,
    String expected,
    String proposed,
    double confidence,
    boolean right,
    Decision decision,
    boolean unsafeApproval) {

  public boolean approvedRight() {
    return right && decision.outcome() == io.backstop.safety.review.Outcome.APPROVE;
  }
}
