package io.backstop.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.backstop.events.SignalsGathered;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.localkafka.StackHome;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stack.scenario.FaultVisibility;
import io.backstop.stack.scenario.ScenarioResult;
import io.backstop.stack.scenario.ScenarioRunner;
import io.backstop.stream.audit.AuditLogReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped scenario through the whole stack, each on a stack of its own: a real Kafka broker,
 * the sandbox cluster, the model simulator, Prometheus (when installed, answering queries), the
 * local pager and ticket MCP server, and the five services. Each run must reach its scenario's
 * expected outcome, agree with the cluster's final state, leave the protected workloads untouched,
 * page once, open one ticket, and leave an intact hash chain. {@code -Dbackstop.scenario=NAME,NAME}
 * runs those only. A failed run leaves its incident as JSON lines in {@code
 * target/e2e-<scenario>.jsonl}.
 *
 * <p>Two scenarios run at a time (see {@code junit-platform.properties}): each stack has its own
 * ports, broker, sandbox and data directory, so nothing but the JVM's one logback is shared, and a
 * stack that starts beside another sends every log line of the JVM to its own {@code logs/} from
 * then on. The audit timeline written for a failed run is the stack's own either way.
 */
@Execution(ExecutionMode.CONCURRENT)
class ScenarioEndToEndTest {

  static Stream<Scenario> scenarios() {
    String only = System.getProperty("backstop.scenario", "");
    return ScenarioLoader.shipped().stream()
        .filter(s -> only.isBlank() || List.of(only.split(",")).contains(s.name()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void reachesItsExpectedOutcomeSafely(Scenario scenario) {
    Path home = Path.of("target", "e2e-" + scenario.name() + "-" + System.nanoTime());
    StackOptions options =
        new StackOptions(
            new StackHome(home),
            TestPorts.freeBase(),
            scenario,
            false,
            StackOptions.Prometheus.QUERIES_ONLY,
            StackOptions.testTiming());
    try (LocalStack stack = LocalStack.start(options, line -> {})) {
      assumeTrue(
          !FaultVisibility.onlyInMetrics(scenario) || stack.prometheusNote().isEmpty(),
          scenario.name()
              + " shows its fault only in metrics and Prometheus is not installed: "
              + stack.prometheusNote());

      ScenarioResult result = new ScenarioRunner(stack, ScenarioRunner.RunOptions.forTests()).run();
      String seen = result.passed() ? "" : dumpTimeline(stack, result);

      assertThat(result.failures())
          .as(
              "%s:%n%s%n%s",
              scenario.name(),
              EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result),
              seen)
          .isEmpty();
      assertThat(result.passed()).isTrue();
    }
  }

  /**
   * For a failed run, the whole incident as JSON lines next to the test reports, and what triage
   * saw (its symptoms and the sources it could not read), for the failure message: a run that fails
   * on a loaded CI machine is read from its output alone. Never throws: a timeline that cannot be
   * read is said, and the run's own failure stays the one reported.
   */
  private static String dumpTimeline(LocalStack stack, ScenarioResult result) {
    if (result.incidentId() == null) {
      return "no incident to read";
    }
    IncidentId incident = IncidentId.of(result.incidentId());
    try {
      var events =
          new AuditLogReader(stack.bootstrapServers(), Duration.ofSeconds(30))
              .readIncident(incident)
              .timeline(incident)
              .events();
      Files.writeString(
          Path.of("target", "e2e-" + result.scenario() + ".jsonl"),
          events.stream().map(EventCodec::encodeToString).collect(Collectors.joining("\n")));
      return events.stream()
          .filter(SignalsGathered.class::isInstance)
          .map(SignalsGathered.class::cast)
          .map(
              g ->
                  "triage saw: symptoms "
                      + g.symptoms().stream()
                          .map(x -> x.kind() + " " + x.workload().name())
                          .toList()
                      + "; sources missing "
                      + g.missingSources()
                      + metricsRead(g))
          .collect(Collectors.joining("\n", "", ""));
    } catch (IOException | RuntimeException e) {
      return "the incident's timeline could not be read: " + e;
    }
  }

  /**
   * What triage read from Prometheus and the pods, one line each (cut at 240 characters): whether a
   * trend was there to see (a leak's climb, an error ratio's onset) is what a run that failed on a
   * loaded machine most often turns on.
   */
  private static String metricsRead(SignalsGathered g) {
    return g.evidence().stream()
        .filter(e -> e.kind() == EvidenceKind.METRIC || e.kind() == EvidenceKind.POD)
        .map(
            e -> {
              String line = e.id().value() + " " + e.kind() + " " + e.subject() + ": " + e.text();
              return line.length() > 240 ? line.substring(0, 240) + "..." : line;
            })
        .collect(Collectors.joining("\n  ", "\ntriage read:\n  ", ""));
  }
}
