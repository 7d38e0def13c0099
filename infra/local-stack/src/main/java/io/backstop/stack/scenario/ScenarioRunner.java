package io.backstop.stack.scenario;

import io.backstop.scenario.Scenario;
import io.backstop.stack.LocalStack;
import io.backstop.stream.audit.AuditLogReader;
import io.backstop.stream.audit.AuditReadException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Runs a scenario end to end through a stack started fresh for it (its sandbox and model simulator
 * loaded with the scenario): sends the scenario's alert through triage's Alertmanager webhook once
 * the fault has shown, follows the incident on the audit log until it has ended and the on-call has
 * been paged and ticketed, judges the outcome against the scenario's expectation and the cluster's
 * final state, and resolves the alert. One stack per scenario: no state, open incident or breaker
 * count carries from one run into the next.
 */
public final class ScenarioRunner {

  /** How long to wait: for the alert (capped), and for the incident to end. */
  public record RunOptions(Duration maxAlertDelay, Duration timeout) {

    public static RunOptions forTests() {
      return new RunOptions(Duration.ofSeconds(3), Duration.ofSeconds(150));
    }
  }

  /** How long the sandbox may take to run a fault due by the time of the alert. */
  private static final Duration SCHEDULED_FAULTS = Duration.ofSeconds(30);

  private final LocalStack stack;
  private final RunOptions options;

  public ScenarioRunner(LocalStack stack, RunOptions options) {
    this.stack = stack;
    this.options = options;
  }

  /** Runs the scenario the stack was started with: one fresh stack, one incident. */
  public ScenarioResult run() {
    Scenario scenario = stack.options().scenario();
    sleep(alertDelay(scenario));
    // A fault the sandbox ran late (a loaded machine) gets its whole time to show all the same.
    sleep(stack.sandbox().awaitScheduled(SCHEDULED_FAULTS));
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
    Duration faultShows = FaultVisibility.timeToShow(scenario, stack.options().timing());
    return scripted.compareTo(faultShows) > 0 ? scripted : faultShows;
  }

  /**
   * Reads the audit every 750 ms until the incident has ended and its trail stopped growing, or the
   * run's timeout. A read that times out (a loaded machine can keep a broker from answering for
   * seconds) is tried again on the next round rather than ending the run; if no read succeeded
   * before the timeout, the last read's failure is what the run reports.
   */
  private Optional<IncidentTrail> follow(AlertInjector.Sent sent) {
    AuditLogReader reader = new AuditLogReader(stack.kafkaClient(), Duration.ofSeconds(10));
    Instant deadline = Instant.now().plus(options.timeout());
    Optional<IncidentTrail> trail = Optional.empty();
    AuditReadException lastFailure = null;
    boolean anyRead = false;
    int lastSize = -1;
    while (Instant.now().isBefore(deadline)) {
      try {
        trail = IncidentTrail.find(reader.readAll(), sent.fingerprint(), sent.startsAt());
        anyRead = true;
      } catch (AuditReadException e) {
        lastFailure = e;
        sleep(Duration.ofMillis(750));
        continue;
      }
      if (trail.isPresent() && trail.get().finished()) {
        int size = trail.get().events().size();
        if (size == lastSize) {
          return trail;
        }
        lastSize = size;
      }
      sleep(Duration.ofMillis(750));
    }
    if (!anyRead && lastFailure != null) {
      throw lastFailure;
    }
    return trail;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
