package io.backstop.stack.chaos;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.infra.pager.ReceivedEvent;
import io.backstop.sandbox.api.WriteRecord;
import io.backstop.scenario.Scenario;
import io.backstop.stack.LocalStack;
import io.backstop.stack.scenario.AlertInjector;
import io.backstop.stack.scenario.IncidentTrail;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The chaos scenario's incident on a stack of its own: its alert sent as Alertmanager sends it, its
 * trail on the audit log, and what the stack did about it (writes, pages), for the acts that do one
 * thing to one incident.
 */
final class OneIncident {

  private final LocalStack stack;
  private final Audit audit;
  private final AlertInjector injector;
  private final AlertInjector.Sent sent;
  private final Instant fired;

  private OneIncident(LocalStack stack, Audit audit, AlertInjector injector, Instant fired) {
    this.stack = stack;
    this.audit = audit;
    this.injector = injector;
    this.fired = fired;
    this.sent = injector.fire(scenario().alert(), fired.truncatedTo(ChronoUnit.SECONDS));
  }

  /** Sends the scenario's alert now. */
  static OneIncident fire(LocalStack stack, Audit audit) {
    return new OneIncident(stack, audit, new AlertInjector(stack.triageWebhook()), Instant.now());
  }

  Instant fired() {
    return fired;
  }

  /** The incident as the log shows it now; empty before triage admitted it or while unreadable. */
  Optional<IncidentTrail> trail() {
    return audit
        .tryRead()
        .flatMap(log -> IncidentTrail.find(log, sent.fingerprint(), sent.startsAt()));
  }

  /** Reads the log until the incident satisfies {@code done}; the last trail seen, if any. */
  Optional<IncidentTrail> until(Predicate<IncidentTrail> done, Duration within) {
    return audit
        .until(
            log ->
                IncidentTrail.find(log, sent.fingerprint(), sent.startsAt())
                    .map(done::test)
                    .orElse(false),
            within)
        .flatMap(log -> IncidentTrail.find(log, sent.fingerprint(), sent.startsAt()));
  }

  /** Until the incident ended and both a page and a ticket operation followed its end. */
  Optional<IncidentTrail> untilFinished(Duration within) {
    return until(IncidentTrail::finished, within);
  }

  /** Sends the resolved notification, as Alertmanager does once the alert clears. */
  void resolve() {
    injector.resolve(scenario().alert(), sent, Instant.now());
  }

  long appliedWrites() {
    return stack.sandbox().writes().stream().filter(WriteRecord::applied).count();
  }

  long dedupKeys() {
    return stack.pager().received().stream().map(ReceivedEvent::dedupKey).distinct().count();
  }

  private Scenario scenario() {
    return stack.options().scenario();
  }

  static boolean verified(Optional<IncidentTrail> trail) {
    return trail
        .flatMap(IncidentTrail::terminal)
        .map(e -> e instanceof ActionExecuted x && x.status() == ExecutionStatus.VERIFIED)
        .orElse(false);
  }

  /** How the incident ended: an outcome's status, an escalation's reason, or "no end". */
  static String end(Optional<IncidentTrail> trail) {
    return trail.flatMap(IncidentTrail::terminal).map(OneIncident::describe).orElse("no end");
  }

  static String describe(IncidentEvent end) {
    if (end instanceof ActionExecuted executed) {
      return executed.status().name();
    }
    if (end instanceof Escalated escalated) {
      return "escalated " + escalated.reason().name();
    }
    return end.getClass().getSimpleName();
  }

  /**
   * Whether every write the stack applied has an approval on this incident's log whose diagnosis is
   * itself on the log: no write without a diagnosis someone can read.
   */
  static boolean everyWriteHasADiagnosis(Optional<IncidentTrail> trail, long writes) {
    if (writes == 0) {
      return true;
    }
    if (trail.isEmpty()) {
      return false;
    }
    var proposals =
        trail.get().all(DiagnosisProposed.class).stream().map(IncidentEvent::eventId).toList();
    long grounded =
        trail.get().all(ActionApproved.class).stream()
            .filter(a -> proposals.contains(a.diagnosis().eventId()))
            .count();
    return grounded >= writes;
  }
}
