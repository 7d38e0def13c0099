package io.backstop.eval.run;

import io.backstop.eval.corpus.CaseProposals;
import io.backstop.eval.corpus.CaseSignals;
import io.backstop.eval.corpus.Corpus;
import io.backstop.eval.corpus.EvalCase;
import io.backstop.eval.corpus.ModelOutput;
import io.backstop.eval.corpus.PriorEvents;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.SignalsGathered;
import io.backstop.guardrail.review.ProposalReviewer;
import io.backstop.safety.Guardrails;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.review.Decision;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a corpus through the live guardrail's review path: for each output a fresh guardrail (the
 * policy book, budgets and breakers, a clock fixed at the case's time), its state fed with the
 * case's prior events the way the guardrail's consumer feeds it, and the proposal judged by {@link
 * ProposalReviewer#decide}, the very method the guardrail's Kafka consumer and what-if endpoint
 * call. Nothing is emitted; nothing outside this object changes.
 */
public final class Evaluator {

  private final PolicyBook book;

  public Evaluator(PolicyBook book) {
    this.book = book;
  }

  public Evaluation run(Corpus corpus) {
    List<OutputResult> results = new ArrayList<>();
    List<AnalyzerResult> analyzer = new ArrayList<>();
    OfflineCheck offline = new OfflineCheck(this);
    for (EvalCase c : corpus.cases()) {
      SignalsGathered signals = CaseSignals.signals(c);
      for (ModelOutput output : c.outputs()) {
        results.add(judge(c, output, signals));
      }
      offline.check(c, signals).ifPresent(analyzer::add);
    }
    return new Evaluation(corpus, results, analyzer);
  }

  public OutputResult judge(EvalCase c, ModelOutput output, SignalsGathered signals) {
    DiagnosisProposed proposal = CaseProposals.proposal(c, output, signals);
    Decision decision = decide(c, proposal);
    CaseJudge.OutputResultParts parts = CaseJudge.judge(output, decision);
    return new OutputResult(c, output, decision, parts.judgement(), parts.why());
  }

  /** The live guardrail's decision for a proposal of this case, from the case's prior state. */
  public Decision decide(EvalCase c, DiagnosisProposed proposal) {
    return reviewer(c, proposal.signals()).decide(proposal.signals(), proposal);
  }

  /** A live guardrail reviewer at the case's time whose state has folded the case's past. */
  public ProposalReviewer reviewer(EvalCase c, SignalsGathered signals) {
    Clock clock = Clock.fixed(c.now(), ZoneOffset.UTC);
    return ProposalReviewer.withHistory(
        Guardrails.of(book, clock), PriorEvents.of(c, signals), clock);
  }
}
