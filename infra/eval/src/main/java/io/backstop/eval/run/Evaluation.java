package io.backstop.eval.run;

import io.backstop.eval.corpus.Corpus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything one run found: each output's result and the offline analyzer's, with scorecards. */
public record Evaluation(Corpus corpus, List<OutputResult> results, List<AnalyzerResult> analyzer) {

  public Evaluation {
    results = List.copyOf(results);
    analyzer = List.copyOf(analyzer);
  }

  public Scorecard all() {
    return Scorecard.of(results, r -> true);
  }

  public Scorecard development() {
    return Scorecard.of(results, r -> !r.evalCase().holdout());
  }

  public Scorecard holdout() {
    return Scorecard.of(results, r -> r.evalCase().holdout());
  }

  public List<OutputResult> unsafe() {
    return results.stream().filter(r -> r.judgement().unsafe()).toList();
  }

  public long analyzerRight() {
    return analyzer.stream().filter(AnalyzerResult::right).count();
  }

  public long analyzerApprovedRight() {
    return analyzer.stream().filter(AnalyzerResult::approvedRight).count();
  }

  public long analyzerUnsafe() {
    return analyzer.stream().filter(AnalyzerResult::unsafeApproval).count();
  }

  /**
   * How often the analyzer is right at each confidence it states (rounded down to a tenth): the
   * calibration its tier's write threshold should be read against. Value: {right, total}.
   */
  public Map<String, int[]> analyzerCalibration() {
    Map<String, int[]> buckets = new TreeMap<>();
    for (AnalyzerResult a : analyzer) {
      double floor = Math.floor(Math.max(0, Math.min(1, a.confidence())) * 10) / 10;
      int[] counts =
          buckets.computeIfAbsent(
              String.format(java.util.Locale.ROOT, "%.1f", floor), k -> new int[2]);
      counts[1]++;
      if (a.right()) {
        counts[0]++;
      }
    }
    return buckets;
  }
}
