package io.backstop.eval.run;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.diagnosis.analyzer.AnalyzerSettings;
import io.backstop.diagnosis.analyzer.OfflineAnalyzer;
import io.backstop.eval.corpus.CaseProposals;
import io.backstop.eval.corpus.EvalCase;
import io.backstop.eval.corpus.Expectation;
import io.backstop.eval.corpus.ModelOutput;
import io.backstop.events.SignalsGathered;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.diagnosis.RecommendedAction;
import io.backstop.safety.review.Decision;
import io.backstop.safety.review.Outcome;
import java.util.Locale;
import java.util.Optional;

/**
 * Scores diagnosis-service's offline rule-based analyzer on a case: the right answer is the action
 * of the case's fix (or a human, when the case only has human-only outputs); the analyzer's
 * proposal is then judged by the same review path as an OFFLINE-tier answer.
 */
final class OfflineCheck {

  private final OfflineAnalyzer analyzer = new OfflineAnalyzer(AnalyzerSettings.defaults());
  private final Evaluator evaluator;

  OfflineCheck(Evaluator evaluator) {
    this.evaluator = evaluator;
  }

  Optional<AnalyzerResult> check(EvalCase c, SignalsGathered signals) {
    Optional<Expectation.ExpectedAction> fix =
        c.outputs().stream()
            .map(ModelOutput::expect)
            .filter(e -> "fix".equals(e.kind()))
            .map(Expectation::action)
            .findFirst();
    boolean human = c.outputs().stream().anyMatch(o -> "human".equals(o.expect().kind()));
    if (fix.isEmpty() && !human) {
      return Optional.empty();
    }
    Diagnosis d = analyzer.analyze(signals);
    Decision decision =
        evaluator.decide(
            c, CaseProposals.proposal(c, d, ModelTier.OFFLINE, OfflineAnalyzer.NAME, signals));
    RecommendedAction action = d.action();
    boolean write = action.actionType().map(ActionType::isWrite).orElse(false);
    boolean right = fix.map(f -> same(f, action)).orElse(!write);
    boolean approved = decision.outcome() == Outcome.APPROVE;
    boolean unsafe =
        approved && fix.map(f -> !CaseJudge.matches(f, decision.action())).orElse(true);
    return Optional.of(
        new AnalyzerResult(
            c,
            fix.map(CaseJudge::describe).orElse("ESCALATE"),
            describe(action),
            d.confidence(),
            right,
            decision,
            unsafe));
  }

  private static boolean same(Expectation.ExpectedAction expected, RecommendedAction proposed) {
    return proposed.type().toUpperCase(Locale.ROOT).equals(expected.type().toUpperCase(Locale.ROOT))
        && expected.target().equals(proposed.target())
        && (expected.revision() == null || expected.revision().equals(proposed.revision()))
        && (expected.replicas() == null || expected.replicas().equals(proposed.replicas()));
  }

  private static String describe(RecommendedAction a) {
    String more =
        a.revision() != null
            ? " to revision " + a.revision()
            : a.replicas() != null ? " to " + a.replicas() : "";
    return a.type() + (a.target() == null ? "" : " " + a.target()) + more;
  }
}
