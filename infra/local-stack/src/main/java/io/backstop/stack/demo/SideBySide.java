package io.backstop.stack.demo;

import io.backstop.naive.ModelCallRecord;
import io.backstop.naive.ToolCall;
import io.backstop.stack.scenario.ScenarioResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The demo's summary for a terminal: two columns, one row per question an on-call would ask. */
public final class SideBySide {

  private static final int LEFT = 44;

  private SideBySide() {}

  public static String render(DemoResult result) {
    NaiveResult naive = result.naive();
    ScenarioResult backstop = result.backstop();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%n%-22s %-" + LEFT + "s %s%n",
            "",
            "NAIVE AGENT (every tool, no guardrails)",
            "BACKSTOP"));
    row(out, "what it did", naiveActions(naive), backstopActions(backstop));
    row(
        out,
        "deployments rolled back",
        List.of(String.valueOf(naive.deploymentsRolledBack())),
        List.of(
            backstop.action() != null
                    && "ROLLBACK".equals(backstop.action().type())
                    && "VERIFIED".equals(backstop.action().status())
                ? "1"
                : "0"));
    row(
        out,
        "prod-db touched",
        List.of(naive.prodDbTouched() ? "YES" : "no"),
        List.of(touchedStatefulSet(backstop) ? "YES" : "no"));
    row(
        out,
        "cluster afterwards",
        clusterAfter(ScenarioResult.ClusterAfter.of(naive.after())),
        clusterAfter(backstop.cluster()));
    row(
        out,
        "writes to the cluster",
        naive.after().writes().stream()
            .filter(io.backstop.sandbox.api.WriteRecord::applied)
            .map(w -> w.principal() + ": " + w.method() + " " + shortPath(w.path()))
            .toList(),
        backstop.writes().stream()
            .map(w -> w.principal() + ": " + w.method() + " " + shortPath(w.path()))
            .toList());
    row(
        out,
        "time to recovery",
        List.of(naive.recoveredAfter().map(d -> seconds(d.toMillis())).orElse("not recovered")),
        List.of(recovery(backstop)));
    row(
        out,
        "model calls",
        List.of(
            naive.run().calls().size()
                + " ("
                + String.join(
                    ", ", naive.run().calls().stream().map(ModelCallRecord::model).toList())
                + ")"),
        List.of(
            backstop.modelCalls().size()
                + " ("
                + String.join(
                    ", ",
                    backstop.modelCalls().stream()
                        .map(c -> c.target() + ":" + c.outcome())
                        .toList())
                + ")"));
    row(
        out,
        "fallbacks",
        List.of("0 (one model, no chain)"),
        List.of(String.valueOf(backstop.fallbacks())));
    row(
        out,
        "guardrail hits",
        List.of("0 (none exist)"),
        List.of(String.valueOf(backstop.guardrailHits())));
    row(
        out,
        "model cost",
        List.of("n/a (not recorded)"),
        List.of("$" + backstop.costUsd().setScale(4, java.math.RoundingMode.HALF_UP)));
    row(
        out,
        "on-call told",
        List.of("no page, no ticket"),
        List.of(
            backstop.pages().size()
                + " page event(s) on one dedup key, "
                + backstop.tickets().size()
                + " ticket"));
    row(
        out,
        "audit trail",
        List.of("none"),
        List.of(
            backstop.hashChain().intact()
                ? "hash chain intact (" + backstop.hashChain().eventsChecked() + " events)"
                : "BROKEN: " + backstop.hashChain().firstBreak()));
    out.append(
        String.format(
            Locale.ROOT,
            "%nBackstop stage times: %s (total %s)%n",
            backstop.stageMillis(),
            seconds(backstop.totalMillis())));
    out.append(
        backstop.passed()
            ? "Backstop's outcome was safe and correct.\n"
            : "Backstop's outcome did NOT meet the scenario: " + backstop.failures() + "\n");
    out.append("Report: ").append(result.report()).append('\n');
    out.append(String.format(Locale.ROOT, "Demo took %s.%n", seconds(result.took().toMillis())));
    return out.toString();
  }

  private static List<String> naiveActions(NaiveResult naive) {
    List<String> lines = new ArrayList<>();
    if (naive.run().answer() != null) {
      lines.add(
          "trusted: "
              + naive.run().answer().actionType()
              + " scope="
              + naive.run().answer().scope()
              + " sha="
              + naive.run().answer().suspectedDeploySha());
    }
    naive.run().toolCalls().stream().map(ToolCall::describe).forEach(lines::add);
    if (!naive.run().error().isEmpty()) {
      lines.add(naive.run().error());
    }
    return lines;
  }

  private static List<String> backstopActions(ScenarioResult backstop) {
    List<String> lines = new ArrayList<>();
    lines.add(backstop.guardrailHits() + " guardrail verdict(s) stopped a proposal");
    if (backstop.action() != null) {
      var a = backstop.action();
      lines.add(
          a.type()
              + " "
              + a.namespace()
              + "/"
              + a.deployment()
              + (a.toRevision() != null ? " to revision " + a.toRevision() : "")
              + (a.replicas() != null ? " to " + a.replicas() + " replicas" : "")
              + ": "
              + a.status());
    }
    if (backstop.escalationReason() != null) {
      lines.add("escalated: " + backstop.escalationReason());
    }
    lines.add("outcome: " + backstop.outcome());
    return lines;
  }

  static List<String> clusterAfter(ScenarioResult.ClusterAfter cluster) {
    List<String> lines = new ArrayList<>();
    cluster
        .deployments()
        .forEach(
            d ->
                lines.add(
                    String.format(
                        Locale.ROOT,
                        "%s rev %d, %d/%d ready, errors %.0f%%",
                        d.name(),
                        d.revision(),
                        d.ready(),
                        d.desired(),
                        d.errorRatio() * 100)));
    cluster
        .statefulSets()
        .forEach(
            s ->
                lines.add(
                    String.format(
                        Locale.ROOT,
                        "%s (StatefulSet) generation %d, %d restarts",
                        s.name(),
                        s.generation(),
                        s.restarts())));
    return lines;
  }

  /** Whether Backstop's run touched a StatefulSet (prod-db): the same answer in both reports. */
  static boolean touchedStatefulSet(ScenarioResult backstop) {
    return backstop.cluster().statefulSets().stream()
        .anyMatch(ScenarioResult.StatefulSetAfter::touched);
  }

  /**
   * Backstop's time to recovery, the same in both reports: only a verified write recovered
   * anything; otherwise the outcome says what happened instead.
   */
  static String recovery(ScenarioResult backstop) {
    if (backstop.action() != null && "VERIFIED".equals(backstop.action().status())) {
      return "verified " + seconds(backstop.totalMillis()) + " after the alert";
    }
    return "not recovered by Backstop (" + backstop.outcome() + ")";
  }

  private static void row(StringBuilder out, String label, List<String> left, List<String> right) {
    int lines = Math.max(left.size(), right.size());
    for (int i = 0; i < lines; i++) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-22s %-" + LEFT + "s %s%n",
              i == 0 ? label : "",
              clip(i < left.size() ? left.get(i) : ""),
              i < right.size() ? right.get(i) : ""));
    }
  }

  private static String clip(String text) {
    return text.length() <= LEFT ? text : text.substring(0, LEFT - 1) + "…";
  }

  private static String shortPath(String path) {
    int at = path.indexOf("/namespaces/");
    return at < 0 ? path : path.substring(at + "/namespaces/".length());
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
