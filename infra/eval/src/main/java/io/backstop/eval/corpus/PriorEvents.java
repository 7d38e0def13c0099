package io.backstop.eval.corpus;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.Preconditions;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.events.action.Verification;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.diagnosis.RecommendedAction;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.EventId;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The events the live guardrail would already have folded into its budget and breaker state for a
 * case's prior actions: an {@code ActionApproved} per earlier write (and its {@code ActionExecuted}
 * when it has an outcome), a {@code DiagnosisRejected} per earlier re-route. They are fed through
 * the guardrail's own state, the way its consumer and its start-up replay feed it.
 */
public final class PriorEvents {

  private PriorEvents() {}

  public static List<IncidentEvent> of(EvalCase c, SignalsGathered signals) {
    List<IncidentEvent> events = new ArrayList<>();
    for (int i = 0; i < c.prior().size(); i++) {
      PriorAction prior = c.prior().get(i);
      Instant at = c.now().minus(prior.ago());
      IncidentId incident =
          "other".equals(prior.incident())
              ? IncidentId.of(CaseSignals.incident(c).value() + "-earlier-" + (i + 1))
              : CaseSignals.incident(c);
      DiagnosisProposed earlier = earlierProposal(c, signals, prior, incident, at, i);
      if ("REROUTE".equals(prior.action())) {
        events.add(rejection(earlier, at));
        continue;
      }
      ActionApproved approved = approval(c, signals, prior, earlier, at);
      events.add(approved);
      if (prior.outcome() != null) {
        events.add(outcome(approved, prior, at));
      }
    }
    return events;
  }

  private static DiagnosisProposed earlierProposal(
      EvalCase c,
      SignalsGathered signals,
      PriorAction prior,
      IncidentId incident,
      Instant at,
      int index) {
    String target = prior.workload() != null ? prior.workload() : c.alert().workload();
    EventId id = EventId.derive(signals.eventId(), Stage.DIAGNOSIS.name(), "prior-" + index, 1);
    EventHeader header =
        new EventHeader(
            id, incident, signals.eventId(), Stage.DIAGNOSIS, at, 1, signals.header().hash(), null);
    return EventCodec.seal(
        new DiagnosisProposed(
            header,
            "an earlier diagnosis of this case (" + prior.action() + " " + target + ")",
            target,
            c.namespace(),
            null,
            0.9,
            List.of(),
            RecommendedAction.of(
                "REROUTE".equals(prior.action())
                    ? io.backstop.events.diagnosis.ActionType.ESCALATE
                    : io.backstop.events.diagnosis.ActionType.valueOf(prior.action()),
                target,
                c.namespace()),
            "claude",
            ModelTier.PRIMARY,
            List.of(),
            0,
            signals));
  }

  private static DiagnosisRejected rejection(DiagnosisProposed earlier, Instant at) {
    return EventCodec.seal(
        new DiagnosisRejected(
            EventHeader.reactingTo(earlier, Stage.GUARDRAIL, DiagnosisRejected.class, 1, at),
            List.of(
                new PolicyVerdict(
                    "quality",
                    "quality.prior-rejection",
                    VerdictOutcome.DENY,
                    "an earlier proposal of this incident was rejected")),
            ModelTier.STRONG,
            1,
            2,
            earlier));
  }

  private static ActionApproved approval(
      EvalCase c,
      SignalsGathered signals,
      PriorAction prior,
      DiagnosisProposed earlier,
      Instant at) {
    WorkloadRef ref = CaseSignals.ref(c, prior.workload());
    Optional<RolloutHistory> history = signals.rollout(ref);
    Optional<Revision> current = history.flatMap(RolloutHistory::current);
    int replicas = signals.workload(ref).map(Workload::desiredReplicas).orElse(1);
    ApprovedAction action =
        switch (prior.action()) {
          case "RESTART" -> ApprovedAction.restart(ref);
          case "SCALE" -> ApprovedAction.scale(ref, Math.max(1, replicas));
          default -> {
            Revision to =
                history
                    .flatMap(
                        h -> h.revisions().stream().filter(r -> !r.current()).reduce((a, b) -> b))
                    .or(() -> current)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "prior ROLLBACK of "
                                    + prior.workload()
                                    + " needs a rollout history"));
            yield ApprovedAction.rollback(
                ref, to.revision(), to.gitSha() != null ? to.gitSha() : "0000000");
          }
        };
    Preconditions preconditions =
        new Preconditions(
            current.map(Revision::revision).orElse(1L),
            current.map(Revision::gitSha).orElse(null),
            current.map(Revision::image).orElse("registry.local/unknown:0"),
            replicas);
    EventHeader header =
        EventHeader.reactingTo(earlier, Stage.GUARDRAIL, ActionApproved.class, 1, at);
    return EventCodec.seal(
        new ActionApproved(
            header,
            ActionId.derive(header.incidentId(), header.eventId()),
            action,
            preconditions,
            List.of(),
            0,
            earlier));
  }

  private static ActionExecuted outcome(ActionApproved approved, PriorAction prior, Instant at) {
    Instant finished = at.plusSeconds(60);
    return EventCodec.seal(
        new ActionExecuted(
            EventHeader.reactingTo(approved, Stage.EXECUTOR, ActionExecuted.class, 1, finished),
            approved.actionId(),
            approved.action(),
            ExecutionStatus.valueOf(prior.outcome().toUpperCase(Locale.ROOT)),
            approved.preconditions().currentRevision(),
            approved.preconditions().currentRevision(),
            approved.preconditions().currentSha(),
            approved.preconditions().currentSha(),
            new Verification(
                at, finished, true, approved.preconditions().replicas(), 0.0, List.of()),
            "an earlier action of this case"));
  }
}
