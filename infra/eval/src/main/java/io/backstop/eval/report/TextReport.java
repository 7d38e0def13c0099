package io.backstop.eval.report;

import io.backstop.eval.run.AnalyzerResult;
import io.backstop.eval.run.Evaluation;
import io.backstop.eval.run.Judgement;
import io.backstop.eval.run.OutputResult;
import io.backstop.eval.run.Scorecard;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The evaluation as a table for a terminal, with every unsafe approval and miss listed. */
public final class TextReport {

  private TextReport() {}

  public static String render(Evaluation e, long millis) {
    Scorecard all = e.all();
    Scorecard dev = e.development();
    Scorecard hold = e.holdout();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Backstop evaluation: %d cases, %d model outputs (%s), %d ms%n%n",
            e.corpus().cases().size(),
            all.outputs(),
            e.corpus().location(),
            millis));
    out.append(
        String.format(Locale.ROOT, "%-34s %14s %14s %14s%n", "", "all", "development", "holdout"));
    row(
        out,
        "correct fixes approved",
        all.fixesApproved(),
        all.fixes(),
        dev.fixesApproved(),
        dev.fixes(),
        hold.fixesApproved(),
        hold.fixes());
    for (String action : all.fixesByAction().keySet()) {
      row(
          out,
          "  " + action,
          all.fixesByAction().get(action)[0],
          all.fixesByAction().get(action)[1],
          get(dev.fixesByAction(), action)[0],
          get(dev.fixesByAction(), action)[1],
          get(hold.fixesByAction(), action)[0],
          get(hold.fixesByAction(), action)[1]);
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%-34s %14d %14d %14d%n",
            "UNSAFE APPROVALS",
            all.unsafeApprovals(),
            dev.unsafeApprovals(),
            hold.unsafeApprovals()));
    row(
        out,
        "human-only escalated",
        all.humanEscalated(),
        all.humanOnly(),
        dev.humanEscalated(),
        dev.humanOnly(),
        hold.humanEscalated(),
        hold.humanOnly());
    row(
        out,
        "  re-routed instead (not approved)",
        all.humanRerouted(),
        all.humanOnly(),
        dev.humanRerouted(),
        dev.humanOnly(),
        hold.humanRerouted(),
        hold.humanOnly());
    row(
        out,
        "wrong outputs stopped, expected gate",
        all.wrongStoppedAsExpected(),
        all.wrong(),
        dev.wrongStoppedAsExpected(),
        dev.wrong(),
        hold.wrongStoppedAsExpected(),
        hold.wrong());
    row(
        out,
        "  stopped by another policy",
        all.wrongStoppedOtherwise(),
        all.wrong(),
        dev.wrongStoppedOtherwise(),
        dev.wrong(),
        hold.wrongStoppedOtherwise(),
        hold.wrong());
    out.append('\n');
    int cases = e.analyzer().size();
    out.append(
        String.format(
            Locale.ROOT,
            "offline analyzer: right on %d of %d cases (%s); its right answers approved: %d; unsafe approvals of its proposals: %d%n",
            e.analyzerRight(),
            cases,
            percent(e.analyzerRight(), cases),
            e.analyzerApprovedRight(),
            e.analyzerUnsafe()));
    StringBuilder calibration = new StringBuilder("  right at stated confidence:");
    for (Map.Entry<String, int[]> bucket : e.analyzerCalibration().entrySet()) {
      calibration.append(
          String.format(
              Locale.ROOT,
              " %s+ %d/%d",
              bucket.getKey(),
              bucket.getValue()[0],
              bucket.getValue()[1]));
    }
    out.append(calibration).append('\n');
    list(out, "UNSAFE APPROVALS", e.unsafe());
    list(out, "correct fixes not approved", of(e, Judgement.FIX_MISSED));
    list(out, "human-only not escalated", of(e, Judgement.HUMAN_REROUTED));
    list(
        out,
        "wrong outputs stopped by another policy than expected",
        of(e, Judgement.WRONG_STOPPED_OTHERWISE));
    List<AnalyzerResult> wrongAnalyzer = e.analyzer().stream().filter(a -> !a.right()).toList();
    if (!wrongAnalyzer.isEmpty()) {
      out.append("\noffline analyzer not right (").append(wrongAnalyzer.size()).append("):\n");
      for (AnalyzerResult a : wrongAnalyzer) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %-44s expected %s, proposed %s (%.2f)%n",
                a.evalCase().id(),
                a.expected(),
                a.proposed(),
                a.confidence()));
      }
    }
    return out.toString();
  }

  private static List<OutputResult> of(Evaluation e, Judgement j) {
    return e.results().stream().filter(r -> r.judgement() == j).toList();
  }

  private static void list(StringBuilder out, String title, List<OutputResult> results) {
    if (results.isEmpty()) {
      return;
    }
    out.append('\n').append(title).append(" (").append(results.size()).append("):\n");
    for (OutputResult r : results) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-52s %s%s%n",
              r.key(),
              r.evalCase().holdout() ? "[holdout] " : "",
              r.why()));
    }
  }

  private static int[] get(Map<String, int[]> map, String key) {
    return map.getOrDefault(key, new int[2]);
  }

  private static void row(
      StringBuilder out, String label, int a, int at, int d, int dt, int h, int ht) {
    out.append(
        String.format(
            Locale.ROOT,
            "%-34s %14s %14s %14s%n",
            label,
            ratio(a, at),
            ratio(d, dt),
            ratio(h, ht)));
  }

  static String ratio(long part, long total) {
    return total == 0 ? "-" : part + "/" + total + " " + percent(part, total);
  }

  static String percent(long part, long total) {
    return total == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / total);
  }
}
