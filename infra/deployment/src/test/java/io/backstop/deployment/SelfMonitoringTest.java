package io.backstop.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.backstop.stream.telemetry.PipelineMetrics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Backstop watching itself: the alert rules on its own meters pass promtool's check and their unit
 * tests (series in, alerts out), every metric the rules and the Grafana dashboard query is one the
 * services export, and the chart ships both (PrometheusRule, dashboard ConfigMap) unchanged.
 */
class SelfMonitoringTest {

  static final Path RULES = Chart.dir().resolve("files/backstop-self-alerts.yml");
  static final Path DASHBOARD = Chart.dir().resolve("files/grafana-dashboard.json");
  static final Pattern METRIC =
      Pattern.compile("\\b(backstop_[a-z_]+|spring_cloud_stream_[a-z_]+|up)\\b");

  @TempDir Path work;

  @Test
  void rulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
    Optional<Path> promtool = onPath("promtool");
    assumeTrue(promtool.isPresent(), "promtool not installed (Debian package prometheus)");
    Files.copy(RULES, work.resolve("backstop-self-alerts.yml"));
    Files.copy(
        Path.of("src/test/resources/promtool/backstop-self-alerts.test.yml"),
        work.resolve("backstop-self-alerts.test.yml"));

    String check = run(promtool.get(), "check", "rules", "backstop-self-alerts.yml");
    String unit = run(promtool.get(), "test", "rules", "backstop-self-alerts.test.yml");

    assertThat(check).contains("SUCCESS: 6 rules found");
    assertThat(unit).contains("SUCCESS");
  }

  @Test
  void everyMetricTheRulesAndTheDashboardQueryIsOneTheServicesExport() throws IOException {
    Set<String> exported = new HashSet<>(Set.of("up", "spring_cloud_stream_binder_kafka_offset"));
    for (String counter :
        List.of(
            PipelineMetrics.EVENTS,
            PipelineMetrics.INCIDENTS,
            PipelineMetrics.VERDICTS,
            PipelineMetrics.MODEL_CALLS,
            PipelineMetrics.MODEL_TOKENS,
            PipelineMetrics.MODEL_COST,
            PipelineMetrics.APPROVALS,
            PipelineMetrics.WRITES,
            PipelineMetrics.ESCALATIONS)) {
      exported.add(counter.replace('.', '_') + "_total");
    }
    exported.add(PipelineMetrics.MODEL_LATENCY.replace('.', '_') + "_seconds_bucket");

    Set<String> queried = new HashSet<>(metrics(Files.readString(RULES)));
    List<String> exprs = dashboardExpressions();
    assertThat(exprs).hasSizeGreaterThanOrEqualTo(12);
    exprs.forEach(e -> queried.addAll(metrics(e)));

    assertThat(exported).containsAll(queried);
    assertThat(queried)
        .contains(
            "backstop_escalations_total",
            "backstop_writes_total",
            "backstop_model_calls_total",
            "backstop_model_tokens_total",
            "backstop_model_cost_usd_total",
            "backstop_verdicts_total");
  }

  @Test
  void theChartShipsTheRulesAndTheDashboardUnchanged() throws IOException {
    List<HasMetadata> objects =
        Chart.render(
            List.of(Chart.values("external-kafka.yaml")),
            Map.of(
                "telemetry.prometheusRules.enabled", true,
                "telemetry.grafanaDashboard.enabled", true));
    var rule = Chart.generic(objects, "PrometheusRule");
    assertThat(rule).singleElement();
    Map<String, Object> file = new org.yaml.snakeyaml.Yaml().load(Files.readString(RULES));
    assertThat(rule.get(0).getAdditionalProperties().get("spec"))
        .isEqualTo(Map.of("groups", file.get("groups")));

    ConfigMap dashboard =
        Chart.all(objects, ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getLabels().containsKey("grafana_dashboard"))
            .findFirst()
            .orElseThrow();
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(dashboard.getData().get("backstop.json")))
        .isEqualTo(json.readTree(Files.readString(DASHBOARD)));
  }

  private static List<String> dashboardExpressions() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        exprs.add(target.get("expr").asString());
      }
    }
    return exprs;
  }

  private static Set<String> metrics(String text) {
    Set<String> names = new HashSet<>();
    Matcher m = METRIC.matcher(text.replaceAll("\\{\\{[^}]*}}", ""));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private String run(Path tool, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(tool.toString()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static Optional<Path> onPath(String name) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .map(d -> Path.of(d, name))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
