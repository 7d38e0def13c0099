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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The guardrail's review, timed one call at a time on every proposal of the evaluation corpus (the
 * right fixes, which run every policy, and the wrong turns, many of which stop early), through the
 * live reviewer's {@link ProposalReviewer#decide}. Honest inputs: each call judges a proposal
 * decoded afresh from its bytes (nothing cached from the call before), and every decision feeds a
 * sink that is printed, so no call can be optimised away. Warmed as JMH warms its benchmark
 * ({@code @Warmup(iterations = 3, time = 2)}): the same calls run for {@link #WARMUP} first, until
 * the JIT has compiled the review, and none of them is counted; only the calls after it are timed.
 * The JMH benchmark in backstop-safety ({@code -P benchmarks}) is the careful measurement, on a
 * smaller set of inputs in a fresh fork; this one runs beside the others in one go, on every corpus
 * proposal.
 */
final class ReviewTiming {

  /** As long as JMH's warm-up of the review benchmark: three iterations of two seconds. */
  static final Duration WARMUP = Duration.ofSeconds(6);

  record Result(
      Distribution all,
      Distribution approvals,
      int proposals,
      long warmupCalls,
      Duration warmup,
      long sink) {}

  private record Input(ProposalReviewer reviewer, byte[] proposal) {}

  private ReviewTiming() {}

  static Result measure(Path corpusDirectory, Duration warmup, int samples) {
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
    // Warm-up: whole passes over every input until the warm-up time is over; none is counted.
    long warmupCalls = 0;
    long warmupStart = System.nanoTime();
    long warmupEnd = warmupStart + warmup.toNanos();
    do {
      for (Input input : inputs) {
        sink += review(input).gates().size();
        warmupCalls++;
      }
    } while (System.nanoTime() < warmupEnd);
    Duration warmedFor = Duration.ofNanos(System.nanoTime() - warmupStart);
    long[] all = new long[samples];
    List<Long> approvals = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      Input input = inputs.get(i % inputs.size());
      DiagnosisProposed fresh = EventCodec.decode(input.proposal(), DiagnosisProposed.class);
      long start = System.nanoTime();
      Decision decision = input.reviewer().decide(fresh.signals(), fresh);
      long took = System.nanoTime() - start;
      sink += decision.outcome().ordinal() + decision.gates().size();
      all[i] = took;
      if (decision.outcome() == io.backstop.safety.review.Outcome.APPROVE) {
        approvals.add(took);
      }
    }
    return new Result(
        Distribution.of(all),
        Distribution.of(approvals),
        inputs.size(),
        warmupCalls,
        warmedFor,
        sink);
  }

  private static Decision review(Input input) {
    DiagnosisProposed fresh = EventCodec.decode(input.proposal(), DiagnosisProposed.class);
    return input.reviewer().decide(fresh.signals(), fresh);
  }
}
