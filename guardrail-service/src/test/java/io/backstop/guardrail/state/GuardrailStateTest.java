package io.backstop.guardrail.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.id.IncidentId;
import io.backstop.safety.Guardrails;
import io.backstop.safety.budget.IncidentBudget;
import io.backstop.safety.review.Decision;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuardrailStateTest {

  private final GuardrailState state =
      new GuardrailState(Guardrails.load(Optional.empty(), Fixtures.CLOCK));

  @Test
  void aRedeliveredEventIsAppliedOnce() {
    DiagnosisRejected rejection = rejection(IncidentId.of("inc-a"));

    state.apply(rejection);
    state.apply(rejection);

    assertThat(state.budget(IncidentId.of("inc-a")).reroutes()).isEqualTo(1);
  }

  @Test
  void theSameEventIdUnderAnotherIncidentIsAnotherEvent() {
    state.apply(rejection(IncidentId.of("inc-a")));
    state.apply(rejection(IncidentId.of("inc-b")));

    assertThat(state.budget(IncidentId.of("inc-a")).reroutes()).isEqualTo(1);
    assertThat(state.budget(IncidentId.of("inc-b")).reroutes()).isEqualTo(1);
  }

  /**
   * action.target-settling judged by a guardrail that saw another incident's rollback of checkout
   * and its outcome live, and by one that started later and replayed them from the audit log: the
   * same verdict and the same reason, inside the cool-down (outcome 4 minutes ago: escalated) and
   * after it (12 minutes ago: approved).
   */
  @ParameterizedTest
  @ValueSource(longs = {4, 12})
  void aReplayedGuardrailJudgesASecondIncidentsWriteAsTheLiveOneDid(long outcomeMinutesAgo) {
    ActionApproved earlier = earlierIncidentsRollback();
    ActionExecuted outcome =
        new ActionExecuted(
            EventHeader.reactingTo(
                earlier,
                Stage.EXECUTOR,
                ActionExecuted.class,
                1,
                Fixtures.minutesAgo(outcomeMinutesAgo)),
            earlier.actionId(),
            earlier.action(),
            ExecutionStatus.VERIFIED,
            3L,
            2L,
            null,
            null,
            null,
            "");
    List<IncidentEvent> log = List.of(earlier, outcome);

    SteppedClock clock = new SteppedClock();
    Guardrails liveGuardrails = Guardrails.load(Optional.empty(), clock);
    GuardrailState live = new GuardrailState(liveGuardrails);
    for (IncidentEvent e : log) {
      clock.at = e.header().occurredAt(); // seen live when it happened
      live.apply(e);
    }
    clock.at = Fixtures.NOW;

    Guardrails restartedGuardrails = Guardrails.load(Optional.empty(), Fixtures.CLOCK);
    GuardrailState restarted = new GuardrailState(restartedGuardrails);
    log.forEach(restarted::replay);

    Decision seenLive = review(liveGuardrails, live);
    Decision replayed = review(restartedGuardrails, restarted);

    assertThat(replayed.outcome()).isEqualTo(seenLive.outcome());
    assertThat(replayed.failures()).isEqualTo(seenLive.failures());
    assertThat(seenLive.failures())
        .extracting(PolicyVerdict::policyId)
        .as("outcome seen %d minutes ago, cool-down 10 minutes", outcomeMinutesAgo)
        .isEqualTo(outcomeMinutesAgo < 10 ? List.of("action.target-settling") : List.<String>of());
  }

  private static Decision review(Guardrails guardrails, GuardrailState state) {
    return guardrails
        .review()
        .evaluate(Diagnoses.honestRollback(), IncidentBudget.fresh(), state.breakers());
  }

  /** The honest rollback of checkout, approved 20 minutes ago for another incident. */
  private static ActionApproved earlierIncidentsRollback() {
    ActionApproved a = Decisions.rollbackApproved();
    EventHeader h = a.header().withIncident(IncidentId.of("inc-earlier-checkout"));
    return new ActionApproved(
        new EventHeader(
            h.eventId(),
            h.incidentId(),
            h.causationId(),
            h.stage(),
            Fixtures.minutesAgo(20),
            h.attempt(),
            h.parentHash(),
            null,
            null),
        a.actionId(),
        a.action(),
        a.preconditions(),
        a.verdicts(),
        a.budgetLeft(),
        a.diagnosis(),
        a.approvers());
  }

  /** A clock the test sets by hand, so a live guardrail sees each event when it happened. */
  private static final class SteppedClock extends Clock {
    Instant at = Fixtures.NOW;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return at;
    }
  }

  private static DiagnosisRejected rejection(IncidentId incident) {
    var cause = Diagnoses.hallucinatedRollbackAll();
    var header =
        EventHeader.reactingTo(cause, Stage.GUARDRAIL, DiagnosisRejected.class, 1, Fixtures.NOW)
            .withIncident(incident);
    return new DiagnosisRejected(
        header,
        List.of(new PolicyVerdict("quality", "quality.sha-grounded", VerdictOutcome.DENY, "no")),
        ModelTier.STRONG,
        1,
        2,
        cause);
  }
}
