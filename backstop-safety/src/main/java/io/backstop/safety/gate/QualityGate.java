package io.backstop.safety.gate;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.SignalsGathered;
import io.backstop.safety.facts.ProposedWrite;
import io.backstop.safety.facts.Subject;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.verdict.Gate;
import io.backstop.safety.verdict.GateResult;

/**
 * Groundedness: does the diagnosis name things that exist in what triage gathered (resource, SHA,
 * evidence) with the confidence it claims? Safety rationale: deterministic checks against the
 * signals, no model judging a model; failure re-routes to a stronger tier, never to an action.
 */
public final class QualityGate {

  private final PolicyBook book;

  public QualityGate(PolicyBook book) {
    this.book = book;
  }

  /** Judges the diagnosis against its own embedded signals. */
  public GateResult check(DiagnosisProposed diagnosis) {
    return check(diagnosis, diagnosis.signals());
  }

  public GateResult check(DiagnosisProposed diagnosis, SignalsGathered signals) {
    Subject subject = new Subject(diagnosis, signals, ProposedWrite.recommended(diagnosis), 0);
    return Judgement.of(subject, book.settings()).run(book.gate(Gate.QUALITY));
  }
}
