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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The demo as one self-contained HTML page: the side-by-side comparison, then Backstop's incident
 * drawn as swimlanes, one per service, each event placed at the time it happened. The page is the
 * template {@code report.html} beside this class (Thymeleaf, which escapes every value); this class
 * only computes what goes in it.
 */
final class HtmlReport {

  private static final List<String> LANES =
      List.of(
          "triage-service",
          "diagnosis-service",
          "guardrail-service",
          "executor-service",
          "escalation-service");

  private static final TemplateEngine TEMPLATES = templates();

  private HtmlReport() {}

  static String render(
      Scenario scenario, NaiveResult naive, ScenarioResult backstop, List<IncidentEvent> events) {
    Context page = new Context(Locale.ROOT);
    page.setVariable("name", scenario.name());
    page.setVariable("description", scenario.description());
    page.setVariable("rows", comparison(naive, backstop));
    page.setVariable("incident", String.valueOf(backstop.incidentId()));
    page.setVariable("lanes", lanes(events));
    page.setVariable("span", SideBySide.seconds(span(events)));
    page.setVariable(
        "events",
        events.stream()
            .map(
                e ->
                    new EventRow(
                        String.valueOf(e.header().occurredAt()),
                        e.header().stage().service(),
                        e.eventType(),
                        detail(e)))
            .toList());
    return TEMPLATES.process("report", page);
  }

  /** One row of the comparison: the naive agent's lines and Backstop's, each marked bad or not. */
  record Row(
      String label, List<String> left, List<String> right, boolean leftBad, boolean rightBad) {}

  /** One service's swimlane and the events it emitted, placed by time. */
  record Lane(String service, List<Mark> marks) {}

  /** One event in a lane: its CSS class, its position, its detail (a tooltip) and its type. */
  record Mark(String css, String style, String detail, String type) {}

  /** One row of the event table. */
  record EventRow(String time, String service, String type, String detail) {}

  private static List<Row> comparison(NaiveResult naive, ScenarioResult backstop) {
    return List.of(
        new Row(
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
            !backstop.passed()),
        new Row(
            "prod-db touched",
            List.of(naive.prodDbTouched() ? "YES" : "no"),
            List.of(SideBySide.touchedStatefulSet(backstop) ? "YES" : "no"),
            naive.prodDbTouched(),
            SideBySide.touchedStatefulSet(backstop)),
        new Row(
            "Cluster afterwards",
            SideBySide.clusterAfter(ScenarioResult.ClusterAfter.of(naive.after())),
            SideBySide.clusterAfter(backstop.cluster()),
            !NaiveSide.healthy(naive.after()),
            false),
        new Row(
            "Time to recovery",
            List.of(
                naive
                    .recoveredAfter()
                    .map(d -> SideBySide.seconds(d.toMillis()))
                    .orElse("not recovered")),
            List.of(SideBySide.recovery(backstop)),
            naive.recoveredAfter().isEmpty(),
            false),
        new Row(
            "Model calls, fallbacks, cost",
            List.of(naive.run().calls().size() + " call(s), no fallback, cost not recorded"),
            List.of(
                backstop.modelCalls().size()
                    + " call(s), "
                    + backstop.fallbacks()
                    + " fallback(s), $"
                    + backstop.costUsd()),
            false,
            false),
        new Row(
            "On-call",
            List.of("no page, no ticket"),
            List.of(
                backstop.pages().size()
                    + " page event(s), "
                    + backstop.tickets().size()
                    + " ticket"),
            true,
            false),
        new Row(
            "Audit",
            List.of("none"),
            List.of(backstop.hashChain().intact() ? "hash chain intact" : "chain BROKEN"),
            true,
            !backstop.hashChain().intact()));
  }

  /** One lane per service, each event placed at its share of the incident's span; none: empty. */
  private static List<Lane> lanes(List<IncidentEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    Instant start = events.stream().map(e -> e.header().occurredAt()).min(Instant::compareTo).get();
    double span = span(events);
    List<Lane> lanes = new ArrayList<>();
    for (String lane : LANES) {
      List<Mark> marks = new ArrayList<>();
      for (IncidentEvent event : events) {
        if (!event.header().stage().service().equals(lane)) {
          continue;
        }
        double at = Duration.between(start, event.header().occurredAt()).toMillis() / span;
        marks.add(
            new Mark(
                css(event),
                String.format(
                    Locale.ROOT,
                    "left:calc(10rem + %.1f%% * 0.72);top:%dpx",
                    at * 100,
                    22 + (marks.size() % 2) * 18),
                detail(event),
                event.eventType()));
      }
      lanes.add(new Lane(lane, marks));
    }
    return lanes;
  }

  private static long span(List<IncidentEvent> events) {
    if (events.isEmpty()) {
      return 0;
    }
    Instant start = events.stream().map(e -> e.header().occurredAt()).min(Instant::compareTo).get();
    Instant end = events.stream().map(e -> e.header().occurredAt()).max(Instant::compareTo).get();
    return Math.max(1, Duration.between(start, end).toMillis());
  }

  private static TemplateEngine templates() {
    var resolver = new ClassLoaderTemplateResolver(HtmlReport.class.getClassLoader());
    resolver.setPrefix("io/backstop/stack/demo/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    return engine;
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
}
