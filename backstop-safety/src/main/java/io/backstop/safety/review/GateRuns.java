package io.backstop.safety.review;

import io.backstop.safety.facts.Subject;
import io.backstop.safety.gate.ActionCheck;
import io.backstop.safety.gate.SubjectFacts;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.verdict.Gate;
import io.backstop.safety.verdict.GateResult;

/**
 * The gates of one review, each run at most once on the review's facts. Safety rationale: a
 * policy's verdict is a function of the facts alone, so the escalation's assessment of what a
 * person may approve reads the very results the review decided by instead of running the quality,
 * action and autonomy gates a second time; a gate the review did not reach runs when first asked,
 * on the same facts.
 */
final class GateRuns {

  private final Subject subject;
  private final SubjectFacts facts;
  private final PolicyBook book;
  private GateResult quality;
  private ActionCheck check;
  private GateResult autonomy;

  GateRuns(Subject subject, SubjectFacts facts, PolicyBook book) {
    this.subject = subject;
    this.facts = facts;
    this.book = book;
  }

  Subject subject() {
    return subject;
  }

  SubjectFacts facts() {
    return facts;
  }

  GateResult quality() {
    if (quality == null) {
      quality = facts.run(book.gate(Gate.QUALITY));
    }
    return quality;
  }

  ActionCheck check() {
    if (check == null) {
      check = ActionCheck.of(facts, subject, book);
    }
    return check;
  }

  GateResult autonomy() {
    if (autonomy == null) {
      autonomy = facts.run(book.gate(Gate.AUTONOMY));
    }
    return autonomy;
  }
}
