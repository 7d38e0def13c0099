package io.backstop.stack.chaos;

import io.backstop.events.ActionExecuted;
import io.backstop.events.AlertReceived;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.sandbox.api.WriteRecord;
import io.backstop.scenario.Scenario;
import io.backstop.stack.LocalStack;
import io.backstop.stack.scenario.AlertInjector;
import io.backstop.stack.scenario.IncidentTrail;
import io.backstop.stack.services.RunningService;
import io.backstop.stream.audit.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One service killed at one stage of a real incident (a bad deploy) and started again at once, as a
 * supervisor would: the incident must still end verified, with one write and one page. On a stack
 * of separate processes the kill is SIGKILL; in process it can only close the service's context,
 * and the row says which it was.
 */
final class KillAct {

  private static final Duration WITHIN = Duration.ofSeconds(180);

  /** Where in the incident a service dies. */
  enum Point {
    TRIAGE_AFTER_ADMISSION("triage-service", "once the alert is admitted (AlertReceived)"),
    DIAGNOSIS_MID_CALL("diagnosis-service", "once signals are gathered (the model call under way)"),
    GUARDRAIL_AFTER_DIAGNOSIS("guardrail-service", "once a diagnosis is proposed"),
    EXECUTOR_DURING_VERIFICATION("executor-service", "after its write, before any outcome"),
    ESCALATION_BEFORE_PAGE("escalation-service", "once the outcome is out, before the page");

    private final String service;
    private final String when;

    Point(String service, String when) {
      this.service = service;
      this.when = when;
    }

    String fault() {
      return service + " killed " + when + ", then started again";
    }

    String expectation() {
      return "the incident ends VERIFIED, paged and ticketed; exactly 1 write; one page dedup key";
    }
  }

  private final LocalStack stack;
  private final Consumer<String> progress;
  private final Point point;
  private final Audit audit;

  KillAct(LocalStack stack, Consumer<String> progress, Point point) {
    this.stack = stack;
    this.progress = progress;
    this.point = point;
    this.audit = new Audit(stack);
  }

  ChaosRow run() {
    Scenario scenario = stack.options().scenario();
    progress.accept("chaos: " + point.fault());
    AlertInjector injector = new AlertInjector(stack.triageWebhook());
    AlertInjector.Sent sent =
        injector.fire(scenario.alert(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
    boolean reached = awaitPoint(sent);
    RunningService killed = stack.kill(point.service);
    String how = killed.killedBySignal() ? "SIGKILL" : "context closed (in process)";
    Instant down = Instant.now();
    stack.startAgain(point.service);
    Optional<IncidentTrail> trail =
        audit
            .until(log -> find(log, sent).map(IncidentTrail::finished).orElse(false), WITHIN)
            .flatMap(log -> find(log, sent));
    injector.resolve(scenario.alert(), sent, Instant.now());
    long writes = stack.sandbox().writes().stream().filter(WriteRecord::applied).count();
    long keys = stack.pager().received().stream().map(r -> r.dedupKey()).distinct().count();
    boolean verified =
        trail
            .flatMap(IncidentTrail::terminal)
            .map(e -> e instanceof ActionExecuted x && x.status() == ExecutionStatus.VERIFIED)
            .orElse(false);
    boolean told = trail.map(IncidentTrail::finished).orElse(false);
    String end =
        trail
            .flatMap(IncidentTrail::terminal)
            .map(
                e ->
                    e instanceof ActionExecuted x
                        ? x.status().name()
                        : e.getClass().getSimpleName())
            .orElse("no end");
    return ChaosRow.of(
        point.fault(),
        point.expectation(),
        how
            + (reached ? "" : " (the stage was not seen in time: killed anyway)")
            + "; ended "
            + end
            + " "
            + Duration.between(down, Instant.now()).toSeconds()
            + " s after the kill"
            + (told ? ", paged and ticketed" : ", NOT told")
            + "; "
            + writes
            + " write(s); "
            + keys
            + " dedup key(s)",
        reached && verified && told && writes == 1 && keys == 1);
  }

  private boolean awaitPoint(AlertInjector.Sent sent) {
    Instant deadline = Instant.now().plus(WITHIN);
    while (Instant.now().isBefore(deadline)) {
      if (point == Point.EXECUTOR_DURING_VERIFICATION) {
        // The sandbox sees the write the moment it lands: poll it, not the audit log.
        if (stack.sandbox().writes().stream().anyMatch(WriteRecord::applied)) {
          return true;
        }
        Pause.of(Duration.ofMillis(50));
        continue;
      }
      Optional<IncidentTrail> trail = audit.tryRead().flatMap(log -> find(log, sent));
      if (trail.isPresent() && reached(trail.get())) {
        return true;
      }
      Pause.of(Duration.ofMillis(200));
    }
    return false;
  }

  private boolean reached(IncidentTrail trail) {
    return switch (point) {
      case TRIAGE_AFTER_ADMISSION -> has(trail, AlertReceived.class);
      case DIAGNOSIS_MID_CALL -> has(trail, SignalsGathered.class);
      case GUARDRAIL_AFTER_DIAGNOSIS -> has(trail, DiagnosisProposed.class);
      case EXECUTOR_DURING_VERIFICATION -> false;
      case ESCALATION_BEFORE_PAGE ->
          trail.all(ActionExecuted.class).stream()
              .anyMatch(e -> e.status() == ExecutionStatus.VERIFIED);
    };
  }

  private static boolean has(IncidentTrail trail, Class<? extends IncidentEvent> type) {
    return !trail.all(type).isEmpty();
  }

  private static Optional<IncidentTrail> find(AuditLog log, AlertInjector.Sent sent) {
    return IncidentTrail.find(log, sent.fingerprint(), sent.startsAt());
  }
}
