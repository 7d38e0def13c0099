package io.backstop.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionExecuted;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.EventId;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.naive.NaiveRun;
import io.backstop.sandbox.SandboxSnapshot;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stack.scenario.ScenarioResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

  private static final Scenario SCENARIO =
      ScenarioLoader.loadResource("bad-deploy-hallucinated-sha.yaml");
  private static final WorkloadRef CHECKOUT = WorkloadRef.deployment("shop", "checkout");
  private static final IncidentId INCIDENT = IncidentId.of("inc-report");
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void rendersTheComparisonTheSwimlanesAndTheEventTableWithEveryValueEscaped() {
    List<IncidentEvent> events =
        List.of(
            escalated(0, "<script>alert('x')</script> & more"),
            executed(10, ExecutionStatus.VERIFIED));

    String html = HtmlReport.render(SCENARIO, naive(), backstop(true), events);

    assertThat(html)
        .startsWith("<!doctype html>")
        .contains("<title>Backstop demo: bad-deploy-hallucinated-sha</title>")
        .contains("<th>prod-db touched</th>")
        .contains("hash chain intact")
        .contains("Backstop's incident, inc-report")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more")
        .doesNotContain("<script>")
        .contains("<b>executor-service</b>")
        .contains("left:calc(10rem + 0.0% * 0.72);top:22px")
        .contains("left:calc(10rem + 100.0% * 0.72);top:40px")
        .contains("Span: 10.0 s, left to right.");
    assertThat(html.split("<tr>", -1)).hasSize(1 + 1 + 7 + 1 + events.size());
  }

  @Test
  void aRunWithoutEventsSaysSoAndMarksABrokenChainAsBad() {
    String html = HtmlReport.render(SCENARIO, naive(), backstop(false), List.of());

    assertThat(html).contains("<p>No events.</p>").doesNotContain("class=\"lanes\"");
    assertThat(html).contains("<td class=\"bad\">chain BROKEN</td>");
  }

  @Test
  void bothReportsGiveTheSameTimeToRecoveryAndProtectedWorkloadAnswer() {
    ScenarioResult escalated = backstop(true, "ESCALATED");

    String html = HtmlReport.render(SCENARIO, naive(), escalated, List.of());
    String terminal =
        SideBySide.render(
            new DemoResult(
                SCENARIO.name(),
                naive(),
                escalated,
                List.of(),
                Path.of("report.html"),
                Duration.ofSeconds(90)));

    assertThat(html)
        .contains("not recovered by Backstop (ESCALATED)")
        .doesNotContain("from alert to the last event");
    assertThat(terminal).contains("not recovered by Backstop (ESCALATED)");
    assertThat(html).contains("<td>no</td>");
    assertThat(terminal).containsPattern("prod-db touched +no +no");
  }

  private static NaiveResult naive() {
    return new NaiveResult(
        new NaiveRun(null, List.of(), List.of(), Duration.ZERO, ""),
        new SandboxSnapshot(NOW, List.of(), List.of(), List.of()),
        Optional.empty(),
        false,
        0);
  }

  private static ScenarioResult backstop(boolean intact) {
    return backstop(intact, "VERIFIED");
  }

  private static ScenarioResult backstop(boolean intact, String outcome) {
    return new ScenarioResult(
        SCENARIO.name(),
        intact,
        List.of(),
        INCIDENT.toString(),
        outcome,
        null,
        null,
        null,
        new ScenarioResult.ClusterAfter(List.of(), List.of()),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        0,
        1,
        BigDecimal.ZERO,
        Map.of(),
        10_000,
        new ScenarioResult.Chain(intact, 2, intact ? null : "escalated-1"));
  }

  private static EventHeader header(String name, int second) {
    return new EventHeader(
        EventId.external(name + "-" + second),
        INCIDENT,
        EventId.external("cause-" + second),
        Stage.EXECUTOR,
        NOW.plusSeconds(second),
        1,
        null,
        null);
  }

  private static Escalated escalated(int second, String summary) {
    return new Escalated(
        header("escalated", second),
        EscalationReason.ACTION_BLOCKED,
        AlertSeverity.CRITICAL,
        CHECKOUT,
        summary,
        "Take over the incident.",
        List.of());
  }

  private static ActionExecuted executed(int second, ExecutionStatus status) {
    return new ActionExecuted(
        header("executed", second),
        ActionId.of("00000000-0000-0000-0000-000000000001"),
        ApprovedAction.restart(CHECKOUT),
        status,
        3L,
        3L,
        "9c41d0e5b7a3",
        "9c41d0e5b7a3",
        null,
        "recovered");
  }
}
