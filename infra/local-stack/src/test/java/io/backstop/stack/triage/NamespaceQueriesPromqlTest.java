package io.backstop.stack.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.backstop.prometheus.Binaries;
import io.backstop.triage.metrics.PrometheusSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Triage's namespace-wide queries, the ones that find the neighbours of an alerted workload, as
 * shipped, evaluated by Prometheus's own engine ({@code promtool test rules}) over two workloads'
 * series: each query must answer per deployment, or no neighbour gets a reading. A division matched
 * one-to-one {@code on (namespace, pod, container)} keeps only those three labels, so {@code max by
 * (deployment)} over it has no deployment to group by; the queries keep the working set's labels
 * with {@code group_left ()}. Skipped where promtool is not installed (CI installs Debian's
 * prometheus, which ships it).
 */
class NamespaceQueriesPromqlTest {

  /** cart at 900 of 1000 bytes, frontend's two pods at 100 and 192 of 256 bytes each. */
  private static final String INPUT =
      """
      - series: 'container_memory_working_set_bytes{namespace="shop",deployment="cart",pod="cart-7d9c8-a1b2c",container="cart"}'
        values: '900x8'
      - series: 'container_spec_memory_limit_bytes{namespace="shop",deployment="cart",pod="cart-7d9c8-a1b2c",container="cart"}'
        values: '1000x8'
      - series: 'container_memory_working_set_bytes{namespace="shop",deployment="frontend",pod="frontend-5f4d3-x9y8z",container="frontend"}'
        values: '100x8'
      - series: 'container_spec_memory_limit_bytes{namespace="shop",deployment="frontend",pod="frontend-5f4d3-x9y8z",container="frontend"}'
        values: '256x8'
      - series: 'container_memory_working_set_bytes{namespace="shop",deployment="frontend",pod="frontend-5f4d3-k2m4p",container="frontend"}'
        values: '192x8'
      - series: 'container_spec_memory_limit_bytes{namespace="shop",deployment="frontend",pod="frontend-5f4d3-k2m4p",container="frontend"}'
        values: '256x8'
      - series: 'container_memory_working_set_bytes{namespace="other",deployment="cart",pod="cart-1",container="cart"}'
        values: '999x8'
      - series: 'container_spec_memory_limit_bytes{namespace="other",deployment="cart",pod="cart-1",container="cart"}'
        values: '1000x8'
      - series: 'http_requests_total{namespace="shop",deployment="cart",code="200"}'
        values: '0+15x8'
      - series: 'http_requests_total{namespace="shop",deployment="frontend",code="503"}'
        values: '0+30x8'
      """;

  /** What each namespace query must answer for {@link #INPUT}, one sample per deployment. */
  private static final Map<String, String> EXPECTED =
      Map.of(
          PrometheusSettings.MEMORY,
          """
            - labels: '{deployment="cart"}'
              value: 900
            - labels: '{deployment="frontend"}'
              value: 292
            """,
          PrometheusSettings.MEMORY_RATIO,
          """
            - labels: '{deployment="cart"}'
              value: 0.9
            - labels: '{deployment="frontend"}'
              value: 0.75
            """,
          PrometheusSettings.MEMORY_BY_POD,
          """
            - labels: '{deployment="cart",pod="cart-7d9c8-a1b2c"}'
              value: 0.9
            - labels: '{deployment="frontend",pod="frontend-5f4d3-x9y8z"}'
              value: 0.390625
            - labels: '{deployment="frontend",pod="frontend-5f4d3-k2m4p"}'
              value: 0.75
            """,
          PrometheusSettings.REQUESTS_BY_CODE,
          """
            - labels: '{deployment="cart",code="200"}'
              value: 1
            - labels: '{deployment="frontend",code="503"}'
              value: 2
            """);

  @TempDir Path dir;

  @Test
  void everyNamespaceQueryAnswersPerDeploymentUnderPrometheusOwnEngine() throws Exception {
    Path promtool = promtool();
    Map<String, String> queries = shipped();
    assertThat(queries.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());

    for (var query : queries.entrySet()) {
      Result result = evaluate(promtool, query.getValue(), EXPECTED.get(query.getKey()));

      assertThat(result.exitCode())
          .as("%s: %s%n%s", query.getKey(), query.getValue(), result.output())
          .isZero();
    }
  }

  @Test
  void aRatioMatchedOneToOneLosesTheDeploymentSoThisCheckWouldCatchIt() throws Exception {
    Path promtool = promtool();
    String shipped = shipped().get(PrometheusSettings.MEMORY_RATIO);
    assertThat(shipped).contains("group_left ()");
    String oneToOne = shipped.replace("group_left () ", "");

    Result result = evaluate(promtool, oneToOne, EXPECTED.get(PrometheusSettings.MEMORY_RATIO));

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("FAILED");
  }

  private static Path promtool() {
    var promtool = Binaries.promtool();
    assumeTrue(promtool.isPresent(), "promtool not installed");
    return promtool.get();
  }

  private static Map<String, String> shipped() {
    return PrometheusSettings.at(URI.create("http://prometheus.invalid:9090")).namespaceQueries();
  }

  private Result evaluate(Path promtool, String query, String expected)
      throws IOException, InterruptedException {
    String expr = query.replace("{namespace}", "shop");
    String test =
        "rule_files: []\n"
            + "evaluation_interval: 1m\n"
            + "tests:\n"
            + "  - interval: 15s\n"
            + "    input_series:\n"
            + INPUT.indent(6)
            + "    promql_expr_test:\n"
            + "      - expr: '"
            + expr.replace("'", "''")
            + "'\n"
            + "        eval_time: 2m\n"
            + "        exp_samples:\n"
            + expected.indent(10);
    Path file = dir.resolve("namespace-queries.test.yml");
    Files.writeString(file, test, StandardCharsets.UTF_8);
    Process process =
        new ProcessBuilder(promtool.toString(), "test", "rules", file.getFileName().toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    return new Result(process.exitValue(), output);
  }

  private record Result(int exitCode, String output) {}
}
