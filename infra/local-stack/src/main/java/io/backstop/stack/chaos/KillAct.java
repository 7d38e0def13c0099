package io.backstop.stack.chaos;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.AlertReceived;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.EscalationDelivered;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.escalation.Channel;
import io.backstop.events.escalation.DeliveryStatus;
import io.backstop.sandbox.api.WriteRecord;
import io.backstop.scenario.ModelBehaviour;
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

  /**
   * Where in the incident a service dies: three points per service, before its part of the work
   * reaches it (or before its transaction), in the middle of it, and after its transaction.
   */
  enum Point {
    TRIAGE_AT_WEBHOOK(
        "triage-service",
        "the moment its webhook accepted the alert, before the admission",
        Sign.SENT),
    TRIAGE_AFTER_ADMISSION(
        "triage-service",
        "once the alert is admitted (AlertReceived), its gathering under way",
        Sign.ADMITTED),
    TRIAGE_AFTER_SIGNALS(
        "triage-service", "once it published the signals (SignalsGathered)", Sign.GATHERED),
    DIAGNOSIS_BEFORE_SIGNALS(
        "diagnosis-service",
        "once the alert is admitted, before the signals reach it",
        Sign.ADMITTED),
    DIAGNOSIS_MID_CALL(
        "diagnosis-service",
        "mid model call (the primary model's first answer held back 30 s)",
        Sign.MODEL_CALLED),
    DIAGNOSIS_AFTER_PROPOSAL(
        "diagnosis-service",
        "once its first diagnosis is proposed (DiagnosisProposed)",
        Sign.PROPOSED),
    GUARDRAIL_BEFORE_DIAGNOSIS(
        "guardrail-service",
        "once signals are gathered, before a diagnosis reaches it",
        Sign.GATHERED),
    GUARDRAIL_AFTER_DIAGNOSIS(
        "guardrail-service", "once a diagnosis is proposed (its review under way)", Sign.PROPOSED),
    GUARDRAIL_AFTER_APPROVAL(
        "guardrail-service", "once it approved the rollback (ActionApproved)", Sign.APPROVED),
    EXECUTOR_BEFORE_APPROVAL(
        "executor-service",
        "once a diagnosis is proposed, before the approval reaches it",
        Sign.PROPOSED),
    EXECUTOR_DURING_VERIFICATION(
        "executor-service", "after its write, before any outcome", Sign.WRITTEN),
    EXECUTOR_AFTER_OUTCOME(
        "executor-service", "once its outcome is out (ActionExecuted VERIFIED)", Sign.VERIFIED),
    ESCALATION_DURING_VERIFICATION(
        "escalation-service",
        "once the write is applied, before the outcome reaches it",
        Sign.WRITTEN),
    ESCALATION_BEFORE_PAGE(
        "escalation-service", "once the outcome is out, before the page", Sign.VERIFIED),
    ESCALATION_AFTER_PAGE(
        "escalation-service", "once the page is delivered, the ticket not yet", Sign.PAGED);

    private final String service;
    private final String when;
    private final Sign sign;

    Point(String service, String when, Sign sign) {
      this.service = service;
      this.when = when;
      this.sign = sign;
    }

    String fault() {
      return service + " killed " + when + ", then started again";
    }

    String expectation() {
      return "the incident ends VERIFIED, paged and ticketed; exactly 1 write; one page dedup key";
    }
  }

  /** What the act watches for before it kills. */
  private enum Sign {
    SENT,
    ADMITTED,
    GATHERED,
    MODEL_CALLED,
    PROPOSED,
    APPROVED,
    WRITTEN,
    VERIFIED,
    PAGED
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
    if (point.sign == Sign.MODEL_CALLED) {
      // The first call to the primary model is answered only after 30 s, so the kill lands while
      // it is under way; its next call (after the restart) is answered at once.
      stack
          .simulator()
          .override(
              "claude",
              new ModelBehaviour(
                  ModelBehaviour.Behaviour.SLOW, 1, null, Duration.ofSeconds(30), null));
    }
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
      switch (point.sign) {
        case SENT -> {
          return true;
        }
        case WRITTEN -> {
          // The sandbox sees the write the moment it lands: poll it, not the audit log.
          if (stack.sandbox().writes().stream().anyMatch(WriteRecord::applied)) {
            return true;
          }
          Pause.of(Duration.ofMillis(50));
        }
        case MODEL_CALLED -> {
          // The simulator keeps a request's body as it arrives, before it answers.
          if (!stack.simulator().requestBodies().isEmpty()) {
            return true;
          }
          Pause.of(Duration.ofMillis(50));
        }
        default -> {
          Optional<IncidentTrail> trail = audit.tryRead().flatMap(log -> find(log, sent));
          if (trail.isPresent() && reached(trail.get())) {
            return true;
          }
          Pause.of(Duration.ofMillis(200));
        }
      }
    }
    return false;
  }

  private boolean reached(IncidentTrail trail) {
    return switch (point.sign) {
      case SENT, WRITTEN, MODEL_CALLED -> false;
      case ADMITTED -> has(trail, AlertReceived.class);
      case GATHERED -> has(trail, SignalsGathered.class);
      case PROPOSED -> has(trail, DiagnosisProposed.class);
      case APPROVED -> has(trail, ActionApproved.class);
      case VERIFIED ->
          trail.all(ActionExecuted.class).stream()
              .anyMatch(e -> e.status() == ExecutionStatus.VERIFIED);
      case PAGED ->
          trail.all(EscalationDelivered.class).stream()
              .anyMatch(d -> d.channel() == Channel.PAGE && d.status() == DeliveryStatus.DELIVERED);
    };
  }

  private static boolean has(IncidentTrail trail, Class<? extends IncidentEvent> type) {
    return !trail.all(type).isEmpty();
  }

  private static Optional<IncidentTrail> find(AuditLog log, AlertInjector.Sent sent) {
    return IncidentTrail.find(log, sent.fingerprint(), sent.startsAt());
  }
}
