package io.backstop.stack.scenario;

import io.backstop.events.ActionExecuted;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.EscalationDelivered;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.events.audit.ChainVerification;
import io.backstop.events.diagnosis.CallOutcome;
import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.escalation.Channel;
import io.backstop.events.escalation.DeliveryStatus;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.id.EventId;
import io.backstop.sandbox.SandboxSnapshot;
import io.backstop.sandbox.api.WriteRecord;
import io.backstop.scenario.Scenario;
import io.backstop.stack.LocalStack;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads a finished (or timed-out) run off the audit log, the sandbox and the pager inbox. */
final class Results {

  private Results() {}

  static ScenarioResult of(
      Scenario scenario, Optional<IncidentTrail> found, LocalStack stack, Instant started) {
    SandboxSnapshot snapshot = stack.sandbox().snapshot();
    List<ScenarioResult.Write> writes =
        snapshot.writes().stream()
            .filter(WriteRecord::applied)
            .map(w -> new ScenarioResult.Write(w.principal(), w.method(), w.path(), w.code()))
            .toList();
    ScenarioResult.ClusterAfter cluster = ScenarioResult.ClusterAfter.of(snapshot);
    if (found.isEmpty()) {
      var result =
          new ScenarioResult(
              scenario.name(),
              false,
              List.of("no incident appeared on the audit log for the alert"),
              null,
              "TIMED_OUT",
              null,
              null,
              null,
              cluster,
              writes,
              List.of(),
              List.of(),
              List.of(),
              0,
              0,
              BigDecimal.ZERO,
              Map.of(),
              Duration.between(started, Instant.now()).toMillis(),
              new ScenarioResult.Chain(false, 0, "no events"));
      return result;
    }
    IncidentTrail trail = found.get();
    List<ModelCall> calls =
        trail.all(DiagnosisProposed.class).stream().flatMap(d -> d.calls().stream()).toList();
    Optional<PersonTold> told = PersonTold.last(trail);
    String outcome = outcome(trail);
    ScenarioResult draft =
        new ScenarioResult(
            scenario.name(),
            false,
            List.of(),
            trail.incident().value(),
            outcome,
            told.map(t -> t.reason().name()).orElse(null),
            told.map(PersonTold::summary).orElse(null),
            action(trail),
            cluster,
            writes,
            pages(stack, trail),
            tickets(trail),
            calls,
            (int) calls.stream().filter(c -> c.outcome() != CallOutcome.OK).count(),
            guardrailHits(trail),
            calls.stream().map(ModelCall::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add),
            stageMillis(trail.events()),
            totalMillis(trail.events()),
            chain(trail));
    List<String> failures = Judge.failures(scenario, draft, trail);
    return new ScenarioResult(
        draft.scenario(),
        failures.isEmpty(),
        failures,
        draft.incidentId(),
        draft.outcome(),
        draft.escalationReason(),
        draft.escalationSummary(),
        draft.action(),
        draft.cluster(),
        draft.writes(),
        draft.pages(),
        draft.tickets(),
        draft.modelCalls(),
        draft.fallbacks(),
        draft.guardrailHits(),
        draft.costUsd(),
        draft.stageMillis(),
        draft.totalMillis(),
        draft.hashChain());
  }

  private static String outcome(IncidentTrail trail) {
    Optional<IncidentEvent> end = trail.terminal();
    if (end.isEmpty()) {
      return "TIMED_OUT";
    }
    if (end.get() instanceof Escalated) {
      return "ESCALATED";
    }
    return end.get() instanceof ApprovalRequested ? "APPROVAL_REQUESTED" : "ACTION_VERIFIED";
  }

  /** What the last escalation or approval request told a person: why, and its summary. */
  record PersonTold(EscalationReason reason, String summary, List<PolicyVerdict> verdicts) {

    static Optional<PersonTold> last(IncidentTrail trail) {
      PersonTold last = null;
      for (IncidentEvent event : trail.events()) {
        if (event instanceof Escalated e) {
          last = new PersonTold(e.reason(), e.summary(), e.verdicts());
        } else if (event instanceof ApprovalRequested a) {
          last = new PersonTold(a.reason(), a.summary(), a.verdicts());
        }
      }
      return Optional.ofNullable(last);
    }
  }

  private static ScenarioResult.Action action(IncidentTrail trail) {
    return trail.all(ActionExecuted.class).stream()
        .filter(x -> x.status() != ExecutionStatus.ALREADY_APPLIED)
        .findFirst()
        .map(
            x ->
                new ScenarioResult.Action(
                    x.action().type().name(),
                    x.action().target().namespace(),
                    x.action().target().name(),
                    x.action().toRevision(),
                    x.action().toSha(),
                    x.action().replicas(),
                    x.status().name(),
                    x.revisionBefore(),
                    x.revisionAfter(),
                    x.verification() == null ? List.of() : x.verification().observations()))
        .orElse(null);
  }

  private static int guardrailHits(IncidentTrail trail) {
    int rejected =
        trail.all(DiagnosisRejected.class).stream().mapToInt(r -> r.failures().size()).sum();
    int blocked =
        trail.all(Escalated.class).stream()
            .filter(e -> e.header().stage() == Stage.GUARDRAIL)
            .mapToInt(
                e ->
                    (int)
                        e.verdicts().stream()
                            .filter(v -> v.outcome() != VerdictOutcome.ALLOW)
                            .count())
            .sum();
    return rejected + blocked;
  }

  private static List<ScenarioResult.Page> pages(LocalStack stack, IncidentTrail trail) {
    return stack.pager().received(trail.incident().value()).stream()
        .map(
            r ->
                new ScenarioResult.Page(
                    r.eventAction(),
                    r.dedupKey(),
                    String.valueOf(r.payload().getOrDefault("summary", ""))))
        .toList();
  }

  private static List<String> tickets(IncidentTrail trail) {
    return trail.all(EscalationDelivered.class).stream()
        .filter(d -> d.channel() == Channel.TICKET && d.status() == DeliveryStatus.DELIVERED)
        .map(EscalationDelivered::externalRef)
        .filter(Objects::nonNull)
        .distinct()
        .toList();
  }

  /** Per service, how long it took to react to what caused its events. */
  static Map<String, Long> stageMillis(List<IncidentEvent> events) {
    Map<EventId, IncidentEvent> byId = new HashMap<>();
    events.forEach(e -> byId.put(e.eventId(), e));
    Map<String, Long> millis = new LinkedHashMap<>();
    for (Stage stage : Stage.values()) {
      millis.putIfAbsent(stage.service(), 0L);
    }
    for (IncidentEvent event : events) {
      IncidentEvent cause = byId.get(event.header().causationId());
      if (cause != null) {
        long took =
            Duration.between(cause.header().occurredAt(), event.header().occurredAt()).toMillis();
        millis.merge(event.header().stage().service(), Math.max(0, took), Long::sum);
      }
    }
    return millis;
  }

  private static long totalMillis(List<IncidentEvent> events) {
    return events.stream()
        .map(e -> e.header().occurredAt())
        .max(Instant::compareTo)
        .map(
            last ->
                Duration.between(
                        events.stream()
                            .map(e -> e.header().occurredAt())
                            .min(Instant::compareTo)
                            .get(),
                        last)
                    .toMillis())
        .orElse(0L);
  }

  private static ScenarioResult.Chain chain(IncidentTrail trail) {
    ChainVerification verification = trail.timeline().verify();
    return new ScenarioResult.Chain(
        verification.isIntact(),
        verification.eventsChecked(),
        verification.firstBreak().map(Object::toString).orElse(null));
  }
}
