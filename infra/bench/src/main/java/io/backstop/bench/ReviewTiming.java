package io.backstop.bench;

import io.backstop.eval.corpus.CaseProposals;
import io.backstop.eval.corpus.CaseSignals;
import io.backstop.eval.corpus.Corpus;
import io.backstop.eval.corpus.CorpusLoader;
import io.backstop.eval.corpus.EvalCase;
import io.backstop.eval.corpus.ModelOutput;
import io.backstop.eval.run.Evaluator;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.SignalsGathered;
import io.backstop.events.codec.EventCodec;
import io.backstop.guardrail.review.ProposalReviewer;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.review.Decision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The guardrail's review, timed one call at a time on every proposal of the evaluation corpus (the
 * right fixes, which run every policy, and the wrong turns, many of which stop early), through the
 * live reviewer's {@link ProposalReviewer#decide}. Honest inputs: each call judges a proposal
 * decoded afresh from its bytes (nothing cached from the call before), and every decision feeds a
 * sink that is printed, so no call can be optimised away. The JMH benchmark in backstop-safety
 * ({@code -P benchmarks}) is the careful measurement; this one runs beside the others in one go.
 */
final class ReviewTiming {

  record Result(Distribution all, Distribution approvals, int proposals, long sink) {}

  private record Input(ProposalReviewer reviewer, byte[] proposal) {}

  private ReviewTiming() {}

  static Result measure(Path corpusDirectory, int warmup, int samples) {
    Corpus corpus = CorpusLoader.load(corpusDirectory);
    Evaluator evaluator = new Evaluator(PolicyBook.loadDefault());
    List<Input> inputs = new ArrayList<>();
    for (EvalCase c : corpus.cases()) {
      SignalsGathered signals = CaseSignals.signals(c);
      for (ModelOutput output : c.outputs()) {
        DiagnosisProposed proposal = CaseProposals.proposal(c, output, signals);
        inputs.add(new Input(evaluator.reviewer(c, signals), EventCodec.encode(proposal)));
      }
    }
    long sink = 0;
    long[] all = new long[samples];
    List<Long> approvals = new ArrayList<>();
    for (int i = 0; i < warmup + samples; i++) {
      Input input = inputs.get(i % inputs.size());
      DiagnosisProposed fresh = EventCodec.decode(input.proposal(), DiagnosisProposed.class);
      long start = System.nanoTime();
      Decision decision = input.reviewer().decide(fresh.signals(), fresh);
      long took = System.nanoTime() - start;
      sink += decision.outcome().ordinal() + decision.gates().size();
      if (i >= warmup) {
        all[i - warmup] = took;
        if (decision.outcome() == io.backstop.safety.review.Outcome.APPROVE) {
          approvals.add(took);
        }
      }
    }
    return new Result(Distribution.of(all), Distribution.of(approvals), inputs.size(), sink);
  }
}
