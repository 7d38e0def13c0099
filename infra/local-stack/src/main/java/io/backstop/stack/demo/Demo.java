package io.backstop.stack.demo;

import io.backstop.events.IncidentEvent;
import io.backstop.events.id.IncidentId;
import io.backstop.scenario.Scenario;
import io.backstop.stack.LocalStack;
import io.backstop.stack.scenario.ScenarioResult;
import io.backstop.stack.scenario.ScenarioRunner;
import io.backstop.stream.audit.AuditLogReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

/**
 * The headline demo: the same alert and the same lying model, twice. First a naive agent with every
 * tool and no guardrails acts on its own fresh sandbox; then Backstop handles the same incident
 * over Kafka on the stack's sandbox. Prints a side-by-side summary and writes an HTML report with
 * the incident timeline.
 */
public final class Demo {

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final LocalStack stack;
  private final ScenarioRunner.RunOptions runOptions;

  public Demo(LocalStack stack, ScenarioRunner.RunOptions runOptions) {
    this.stack = stack;
    this.runOptions = runOptions;
  }

  public DemoResult run(Scenario scenario, Consumer<String> progress) {
    Instant started = Instant.now();
    String primary = primaryModel(scenario);
    progress.accept("naive agent: asking " + primary + " and acting on its answer, no guardrails");
    NaiveResult naive =
        NaiveSide.run(
            scenario,
            stack.simulator().baseUrl(),
            stack.credentials().gatewayKey(),
            primary,
            stack.options().timing(),
            Duration.ofSeconds(20));
    progress.accept(
        "backstop: the same alert through triage, diagnosis, guardrail, executor," + " escalation");
    ScenarioResult backstop = new ScenarioRunner(stack, runOptions).run();
    List<IncidentEvent> timeline =
        backstop.incidentId() == null
            ? List.of()
            : new AuditLogReader(stack.kafkaClient(), Duration.ofSeconds(10))
                .readIncident(IncidentId.of(backstop.incidentId()))
                .timeline(IncidentId.of(backstop.incidentId()))
                .events();
    Path report = writeReport(scenario, naive, backstop, timeline);
    return new DemoResult(
        scenario.name(),
        naive,
        backstop,
        timeline,
        report,
        Duration.between(started, Instant.now()));
  }

  private Path writeReport(
      Scenario scenario, NaiveResult naive, ScenarioResult backstop, List<IncidentEvent> events) {
    Path dir = stack.options().home().root().resolve("reports");
    Path file = dir.resolve("demo-" + FILE_TIME.format(Instant.now()) + ".html");
    try {
      Files.createDirectories(dir);
      Files.writeString(file, HtmlReport.render(scenario, naive, backstop, events));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo report " + file, e);
    }
  }

  /** The model the naive agent asks: the scenario's primary, the one Backstop asks first. */
  static String primaryModel(Scenario scenario) {
    return scenario.models().containsKey("claude")
        ? "claude"
        : scenario.models().keySet().stream().sorted().findFirst().orElse("claude");
  }
}
