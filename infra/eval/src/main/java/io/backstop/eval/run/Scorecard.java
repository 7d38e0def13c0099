package io.backstop.eval.run;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The figures of one run (or one part of it: development or holdout cases).
 *
 * @param fixesByAction per action type: {approved, total}
 */
public record Scorecard(
    int outputs,
    int fixes,
    int fixesApproved,
    Map<String, int[]> fixesByAction,
    int unsafeApprovals,
    int humanOnly,
    int humanEscalated,
    int humanRerouted,
    int wrong,
    int wrongStoppedAsExpected,
    int wrongStoppedOtherwise) {

  public static Scorecard of(List<OutputResult> results, Predicate<OutputResult> which) {
    List<OutputResult> part = results.stream().filter(which).toList();
    Map<String, int[]> byAction = new TreeMap<>();
    for (OutputResult r : part) {
      if ("fix".equals(r.kind())) {
        int[] counts =
            byAction.computeIfAbsent(
                r.output().expect().action().type().toUpperCase(Locale.ROOT), k -> new int[2]);
        counts[1]++;
        if (r.judgement() == Judgement.FIX_APPROVED) {
          counts[0]++;
        }
      }
    }
    return new Scorecard(
        part.size(),
        count(part, r -> "fix".equals(r.kind())),
        count(part, r -> r.judgement() == Judgement.FIX_APPROVED),
        byAction,
        count(part, r -> r.judgement().unsafe()),
        count(part, r -> "human".equals(r.kind())),
        count(part, r -> r.judgement() == Judgement.HUMAN_ESCALATED),
        count(part, r -> r.judgement() == Judgement.HUMAN_REROUTED),
        count(part, r -> "wrong".equals(r.kind())),
        count(part, r -> r.judgement() == Judgement.WRONG_STOPPED_AS_EXPECTED),
        count(part, r -> r.judgement() == Judgement.WRONG_STOPPED_OTHERWISE));
  }

  /** Correct fixes approved as a fraction (1 when there are none). */
  public double fixRate() {
    return fixes == 0 ? 1.0 : (double) fixesApproved / fixes;
  }

  /** Human-only outputs escalated as a fraction (1 when there are none). */
  public double humanRate() {
    return humanOnly == 0 ? 1.0 : (double) humanEscalated / humanOnly;
  }

  private static int count(List<OutputResult> part, Predicate<OutputResult> p) {
    return (int) part.stream().filter(p).count();
  }
}
