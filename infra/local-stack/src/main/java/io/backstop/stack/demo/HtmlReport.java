package io.backstop.stack.demo;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.AlertReceived;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.EscalationDelivered;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.naive.ToolCall;
import io.backstop.scenario.Scenario;
import io.backstop.stack.scenario.ScenarioResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The demo as one self-contained HTML page: the side-by-side comparison, then Backstop's incident
 * drawn as swimlanes, one per service, each event placed at the time it happened.
 */
final class HtmlReport {

  private static final List<String> LANES =
      List.of(
          "triage-service",
          "diagnosis-service",
          "guardrail-service",
          "executor-service",
          "escalation-service");

  private HtmlReport() {}

  static String render(
      Scenario scenario, NaiveResult naive, ScenarioResult backstop, List<IncidentEvent> events) {
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Backstop demo: ")
        .append(esc(scenario.name()))
        .append("</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2433}")
        .append("h1{font-size:1.5rem}table{border-collapse:collapse;width:100%;margin:1rem 0}")
        .append("td,th{border:1px solid #d0d5dd;padding:.45rem .6rem;vertical-align:top;")
        .append("text-align:left;font-size:.9rem}th{background:#f2f4f7}")
        .append(".bad{background:#fde8e8}.good{background:#e7f6ec}")
        .append(".lanes{position:relative;border:1px solid #d0d5dd;margin-top:1rem}")
        .append(".lane{position:relative;height:64px;border-bottom:1px dashed #e4e7ec}")
        .append(".lane b{position:absolute;left:.5rem;top:.4rem;font-size:.8rem;color:#475467}")
        .append(".ev{position:absolute;top:24px;padding:.15rem .35rem;border-radius:4px;")
        .append("font-size:.72rem;white-space:nowrap;background:#dbe8ff;border:1px solid #84a9ff}")
        .append(".ev.rej{background:#fde8e8;border-color:#f39b9b}")
        .append(".ev.ok{background:#e7f6ec;border-color:#7fcf9b}")
        .append("code{font-size:.85rem}</style></head><body>");
    html.append("<h1>Backstop demo: ")
        .append(esc(scenario.name()))
        .append("</h1><p>")
        .append(esc(scenario.description()))
        .append("</p>");
    comparison(html, naive, backstop);
    html.append("<h2>Backstop's incident, ")
        .append(esc(String.valueOf(backstop.incidentId())))
        .append("</h2>");
    lanes(html, events);
    eventTable(html, events);
    html.append("</body></html>\n");
    return html.toString();
  }

  private static void comparison(StringBuilder html, NaiveResult naive, ScenarioResult backstop) {
    html.append("<table><tr><th></th><th>Naive agent: every tool, no guardrails</th>")
        .append("<th>Backstop</th></tr>");
    tr(
        html,
        "What it did",
        naive.run().toolCalls().stream().map(ToolCall::describe).toList(),
        List.of(
            backstop.guardrailHits() + " guardrail verdict(s) stopped a proposal",
            backstop.action() == null
                ? "no write"
                : backstop.action().type()
                    + " "
                    + backstop.action().namespace()
                    + "/"
                    + backstop.action().deployment()
                    + (backstop.action().toRevision() == null
                        ? ""
                        : " to revision " + backstop.action().toRevision())
                    + ": "
                    + backstop.action().status(),
            "outcome: "
                + backstop.outcome()
                + (backstop.escalationReason() == null
                    ? ""
                    : " (" + backstop.escalationReason() + ")")),
        naive.prodDbTouched() || naive.deploymentsRolledBack() > 1,
        !backstop.passed());
    tr(
        html,
        "prod-db touched",
        List.of(naive.prodDbTouched() ? "YES" : "no"),
        List.of(
            backstop.cluster().statefulSets().stream()
                    .anyMatch(ScenarioResult.StatefulSetAfter::touched)
                ? "YES"
                : "no"),
        naive.prodDbTouched(),
        false);
    tr(
        html,
        "Cluster afterwards",
        SideBySide.clusterAfter(ScenarioResult.ClusterAfter.of(naive.after())),
        SideBySide.clusterAfter(backstop.cluster()),
        !NaiveSide.healthy(naive.after()),
        false);
    tr(
        html,
        "Time to recovery",
        List.of(
            naive
                .recoveredAfter()
                .map(d -> SideBySide.seconds(d.toMillis()))
                .orElse("not recovered")),
        List.of(SideBySide.seconds(backstop.totalMillis()) + " from alert to the last event"),
        naive.recoveredAfter().isEmpty(),
        false);
    tr(
        html,
        "Model calls, fallbacks, cost",
        List.of(naive.run().calls().size() + " call(s), no fallback, cost not recorded"),
        List.of(
            backstop.modelCalls().size()
                + " call(s), "
                + backstop.fallbacks()
                + " fallback(s), $"
                + backstop.costUsd()),
        false,
        false);
    tr(
        html,
        "On-call",
        List.of("no page, no ticket"),
        List.of(
            backstop.pages().size() + " page event(s), " + backstop.tickets().size() + " ticket"),
        true,
        false);
    tr(
        html,
        "Audit",
        List.of("none"),
        List.of(backstop.hashChain().intact() ? "hash chain intact" : "chain BROKEN"),
        true,
        !backstop.hashChain().intact());
    html.append("</table>");
  }

  private static void tr(
      StringBuilder html,
      String label,
      List<String> left,
      List<String> right,
      boolean leftBad,
      boolean rightBad) {
    html.append("<tr><th>")
        .append(esc(label))
        .append("</th><td class=\"")
        .append(leftBad ? "bad" : "")
        .append("\">")
        .append(lines(left))
        .append("</td><td class=\"")
        .append(rightBad ? "bad" : "good")
        .append("\">")
        .append(lines(right))
        .append("</td></tr>");
  }

  private static void lanes(StringBuilder html, List<IncidentEvent> events) {
    if (events.isEmpty()) {
      html.append("<p>No events.</p>");
      return;
    }
    Instant start = events.stream().map(e -> e.header().occurredAt()).min(Instant::compareTo).get();
    Instant end = events.stream().map(e -> e.header().occurredAt()).max(Instant::compareTo).get();
    double span = Math.max(1, Duration.between(start, end).toMillis());
    html.append("<div class=\"lanes\">");
    for (String lane : LANES) {
      html.append("<div class=\"lane\"><b>").append(lane).append("</b>");
      int stagger = 0;
      for (IncidentEvent event : events) {
        if (!event.header().stage().service().equals(lane)) {
          continue;
        }
        double at = Duration.between(start, event.header().occurredAt()).toMillis() / span;
        html.append(
            String.format(
                Locale.ROOT,
                "<span class=\"ev %s\" style=\"left:calc(10rem + %.1f%% * 0.72);top:%dpx\" title=\"%s\">%s</span>",
                css(event),
                at * 100,
                22 + (stagger++ % 2) * 18,
                esc(detail(event)),
                esc(event.eventType())));
      }
      html.append("</div>");
    }
    html.append("</div><p><small>Span: ")
        .append(SideBySide.seconds((long) span))
        .append(", left to right.</small></p>");
  }

  private static void eventTable(StringBuilder html, List<IncidentEvent> events) {
    html.append("<table><tr><th>time</th><th>service</th><th>event</th><th>what</th></tr>");
    for (IncidentEvent event : events) {
      html.append("<tr><td><code>")
          .append(event.header().occurredAt())
          .append("</code></td><td>")
          .append(esc(event.header().stage().service()))
          .append("</td><td>")
          .append(esc(event.eventType()))
          .append("</td><td>")
          .append(esc(detail(event)))
          .append("</td></tr>");
    }
    html.append("</table>");
  }

  static String detail(IncidentEvent event) {
    if (event instanceof AlertReceived a) {
      return a.alertname() + " " + a.status() + " (" + a.severity() + ")";
    }
    if (event instanceof SignalsGathered s) {
      return s.evidence().size()
          + " evidence items, "
          + s.symptoms().size()
          + " symptoms, "
          + s.redactionCount()
          + " secrets redacted";
    }
    if (event instanceof DiagnosisProposed d) {
      return d.answeredBy()
          + " ("
          + d.tier()
          + "): "
          + d.action().type()
          + " "
          + d.action().target()
          + " scope="
          + d.action().scope()
          + " sha="
          + d.suspectedDeploySha()
          + " confidence "
          + d.confidence();
    }
    if (event instanceof DiagnosisRejected r) {
      return "rejected: "
          + String.join(
              "; ", r.failures().stream().map(v -> v.policyId() + ": " + v.reason()).toList())
          + " -> next tier "
          + r.nextTier();
    }
    if (event instanceof ActionApproved a) {
      return "approved "
          + a.action().type()
          + " "
          + a.action().target()
          + (a.action().toRevision() == null ? "" : " to revision " + a.action().toRevision());
    }
    if (event instanceof ActionExecuted x) {
      return x.status()
          + ": revision "
          + x.revisionBefore()
          + " -> "
          + x.revisionAfter()
          + ". "
          + x.reason();
    }
    if (event instanceof Escalated e) {
      return e.reason() + ": " + e.summary();
    }
    if (event instanceof EscalationDelivered d) {
      return d.channel() + " " + d.operation() + " " + d.status() + " (" + d.externalRef() + ")";
    }
    return event.eventType();
  }

  private static String css(IncidentEvent event) {
    if (event instanceof DiagnosisRejected || event instanceof Escalated) {
      return "rej";
    }
    if (event instanceof ActionExecuted || event instanceof ActionApproved) {
      return "ok";
    }
    return "";
  }

  private static String lines(List<String> lines) {
    return String.join("<br>", lines.stream().map(HtmlReport::esc).toList());
  }

  static String esc(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
