package io.backstop.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.IncidentId;
import io.backstop.localkafka.StackHome;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stack.scenario.FaultVisibility;
import io.backstop.stack.scenario.ScenarioResult;
import io.backstop.stack.scenario.ScenarioRunner;
import io.backstop.stream.audit.AuditLogReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped scenario through the whole stack: a real Kafka broker, the sandbox cluster, the
 * model simulator, the local pager and ticket MCP server, and the five services. Each run must
 * reach its scenario's expected outcome, leave the protected workloads untouched, page once, open
 * one ticket, and leave an intact hash chain. {@code -Dbackstop.scenario=NAME,NAME} runs those.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioEndToEndTest {

  private LocalStack stack;
  private ScenarioRunner runner;

  @BeforeAll
  void startStack() {
    Path home = Path.of("target", "e2e-" + System.nanoTime());
    stack =
        LocalStack.start(
            new StackOptions(
                new StackHome(home),
                TestPorts.freeBase(),
                ScenarioLoader.loadResource("bad-deploy-hallucinated-sha.yaml"),
                false,
                StackOptions.Prometheus.QUERIES_ONLY,
                StackOptions.testTiming()),
            line -> {});
    runner = new ScenarioRunner(stack, ScenarioRunner.RunOptions.forTests());
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  /** For a failed run, the whole incident as JSON lines next to the test reports. */
  private void dumpTimeline(ScenarioResult result) {
    if (result.incidentId() == null) {
      return;
    }
    var events =
        new AuditLogReader(stack.bootstrapServers(), Duration.ofSeconds(10))
            .readIncident(IncidentId.of(result.incidentId()))
            .timeline(IncidentId.of(result.incidentId()))
            .events();
    try {
      Files.writeString(
          Path.of("target", "e2e-" + result.scenario() + ".jsonl"),
          events.stream().map(EventCodec::encodeToString).collect(Collectors.joining("\n")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Stream<Scenario> scenarios() {
    String only = System.getProperty("backstop.scenario", "");
    return ScenarioLoader.shipped().stream()
        .filter(s -> only.isBlank() || List.of(only.split(",")).contains(s.name()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void reachesItsExpectedOutcomeSafely(Scenario scenario) {
    assumeTrue(
        !FaultVisibility.onlyInMetrics(scenario) || stack.prometheusNote().isEmpty(),
        scenario.name()
            + " shows its fault only in metrics and Prometheus is not installed: "
            + stack.prometheusNote());
    ScenarioResult result = runner.run(scenario);
    if (!result.passed()) {
      dumpTimeline(result);
    }

    assertThat(result.failures())
        .as(
            "%s:%n%s",
            scenario.name(),
            EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result))
        .isEmpty();
    assertThat(result.passed()).isTrue();
  }
}
