package io.backstop.stack.scenario;

import io.backstop.scenario.Namespace;
import io.backstop.scenario.Scenario;
import io.backstop.stack.LocalStack;
import io.backstop.stream.audit.AuditLogReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Runs one scenario through a running stack, end to end: loads it into a fresh sandbox and the
 * model simulator, resets the namespace's write breaker (an audited reset, since each run is an
 * independent incident), sends the scenario's alert through triage's Alertmanager webhook, follows
 * the incident on the audit log until it has ended and the on-call has been paged and ticketed,
 * judges the outcome against the scenario's expectation, and resolves the alert.
 */
public final class ScenarioRunner {

  /** How long to wait: for the alert (capped), and for the incident to end. */
  public record RunOptions(Duration maxAlertDelay, Duration timeout) {

    public static RunOptions forTests() {
      return new RunOptions(Duration.ofSeconds(3), Duration.ofSeconds(150));
    }

    public static RunOptions asScripted() {
      return new RunOptions(Duration.ofSeconds(30), Duration.ofSeconds(240));
    }
  }

  private final LocalStack stack;
  private final RunOptions options;
  private final HttpClient http = HttpClient.newHttpClient();

  public ScenarioRunner(LocalStack stack, RunOptions options) {
    this.stack = stack;
    this.options = options;
  }

  public ScenarioResult run(Scenario scenario) {
    stack.useScenario(scenario);
    for (Namespace namespace : scenario.cluster().namespaces()) {
      resetBreaker(namespace.name(), scenario.name());
    }
    sleep(alertDelay(scenario));
    AlertInjector injector = new AlertInjector(stack.triageWebhook());
    Instant started = Instant.now();
    AlertInjector.Sent sent =
        injector.fire(scenario.alert(), started.truncatedTo(ChronoUnit.SECONDS));
    Optional<IncidentTrail> trail = follow(sent);
    ScenarioResult result = Results.of(scenario, trail, stack, started);
    injector.resolve(scenario.alert(), sent, Instant.now());
    return result;
  }

  /**
   * When the alert fires: the scenario's {@code alert.after}, capped for quick runs, but never
   * before the fault has happened and had time to show (pods started, a crash cycle or two).
   */
  private Duration alertDelay(Scenario scenario) {
    Duration scripted =
        scenario.alert().after().compareTo(options.maxAlertDelay()) < 0
            ? scenario.alert().after()
            : options.maxAlertDelay();
    var timing = stack.options().timing();
    Duration faultAfter = scenario.fault() == null ? Duration.ZERO : scenario.fault().after();
    Duration faultShows =
        faultAfter.plus(timing.podStartup()).plus(timing.crashCycle().multipliedBy(2));
    return scripted.compareTo(faultShows) > 0 ? scripted : faultShows;
  }

  private Optional<IncidentTrail> follow(AlertInjector.Sent sent) {
    AuditLogReader reader = new AuditLogReader(stack.bootstrapServers(), Duration.ofSeconds(10));
    Instant deadline = Instant.now().plus(options.timeout());
    Optional<IncidentTrail> trail = Optional.empty();
    int lastSize = -1;
    while (Instant.now().isBefore(deadline)) {
      trail = IncidentTrail.find(reader.readAll(), sent.fingerprint(), sent.startsAt());
      if (trail.isPresent() && trail.get().finished()) {
        int size = trail.get().events().size();
        if (size == lastSize) {
          return trail;
        }
        lastSize = size;
      }
      sleep(Duration.ofMillis(750));
    }
    return trail;
  }

  private void resetBreaker(String namespace, String scenario) {
    String body =
        "{\"operator\":\"backstop scenario runner\",\"reason\":\"start of scenario "
            + scenario
            + ": an independent incident on a fresh sandbox\"}";
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(stack.guardrailUrl() + "/api/v1/breakers/" + namespace + "/reset"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + stack.credentials().guardrailAdmin())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "breaker reset for "
                + namespace
                + " refused: HTTP "
                + response.statusCode()
                + " "
                + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach guardrail-service: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
