package io.backstop.safety.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.safety.breaker.BreakersTestAccess;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetsTest {

  private static final BudgetSettings SETTINGS = new BudgetSettings(2, 10, 5, 2, 1, 3, 4);

  @Test
  void aRejectionCostsARerouteAndAGuardrailHit() {
    var budgets = new Budgets(SETTINGS);

    IncidentBudget after = budgets.apply(rejection(1));

    assertThat(after.reroutes()).isEqualTo(1);
    assertThat(after.pointsSpent()).isEqualTo(3);
    assertThat(after.pointsLeft(SETTINGS)).isEqualTo(7);
    assertThat(after.steps()).isEqualTo(1);
  }

  @Test
  void failedVerificationsCostPointsAndSuccessesDoNot() {
    var budgets = new Budgets(SETTINGS);

    budgets.apply(BreakersTestAccess.outcome(ExecutionStatus.VERIFIED, 3, 1));
    IncidentBudget after =
        budgets.apply(BreakersTestAccess.outcome(ExecutionStatus.NOT_RECOVERED, 2, 2));

    assertThat(after.failedVerifications()).isEqualTo(1);
    assertThat(after.pointsSpent()).isEqualTo(4);
  }

  @Test
  void blockedActionsAndQualityExhaustionCostPointsButOtherEscalationsDoNot() {
    var budgets = new Budgets(SETTINGS);

    budgets.apply(escalation(EscalationReason.ACTION_BLOCKED, 1));
    budgets.apply(escalation(EscalationReason.QUALITY_GATE_EXHAUSTED, 2));
    IncidentBudget after = budgets.apply(escalation(EscalationReason.HUMAN_ACTION_RECOMMENDED, 3));

    assertThat(after.blockedActions()).isEqualTo(1);
    assertThat(after.guardrailHits()).isEqualTo(2);
    assertThat(after.pointsSpent()).isEqualTo(3 + 1);
    assertThat(after.steps()).isEqualTo(3);
  }

  private static Escalated escalation(EscalationReason reason, int attempt) {
    var cause = Diagnoses.honestRollback();
    var header =
        EventHeader.reactingTo(cause, Stage.GUARDRAIL, Escalated.class, attempt, Fixtures.NOW);
    return new Escalated(header, reason, null, null, "summary", "act", List.of());
  }

  @Test
  void theBudgetIsExhaustedWhenPointsRunOut() {
    var budgets = new Budgets(SETTINGS);
    budgets.apply(rejection(1));
    budgets.apply(rejection(2));
    budgets.apply(rejection(3));
    IncidentBudget after = budgets.apply(BreakersTestAccess.outcome(ExecutionStatus.FAILED, 1, 1));

    assertThat(after.pointsSpent()).isEqualTo(13);
    assertThat(after.exhausted(SETTINGS)).isTrue();
    assertThat(after.pointsLeft(SETTINGS)).isZero();
  }

  @Test
  void theLoopBudgetCapsStepsEvenWhenNothingCostsPoints() {
    var budgets = new Budgets(SETTINGS);
    IncidentBudget after = IncidentBudget.fresh();
    for (int i = 1; i <= 5; i++) {
      after = budgets.apply(BreakersTestAccess.approval(i, i));
    }

    assertThat(after.pointsSpent()).isZero();
    assertThat(after.steps()).isEqualTo(5);
    assertThat(after.writesApproved()).isEqualTo(5);
    assertThat(after.exhausted(SETTINGS)).isTrue();
  }

  @Test
  void replayingTheSameEventsRebuildsTheSameBudget() {
    var events = List.of(rejection(1), rejection(2), BreakersTestAccess.approval(1, 3));
    var live = new Budgets(SETTINGS);
    events.forEach(live::apply);
    var rebuilt = new Budgets(SETTINGS);
    events.forEach(rebuilt::apply);

    var incident = events.get(0).incidentId();
    assertThat(rebuilt.of(incident)).isEqualTo(live.of(incident));
  }

  private static DiagnosisRejected rejection(int attempt) {
    var cause = Diagnoses.hallucinatedRollbackAll();
    var header =
        EventHeader.reactingTo(
            cause, Stage.GUARDRAIL, DiagnosisRejected.class, attempt, Fixtures.NOW);
    return new DiagnosisRejected(
        header,
        List.of(new PolicyVerdict("quality", "quality.sha-grounded", VerdictOutcome.DENY, "no")),
        ModelTier.STRONG,
        attempt,
        2,
        cause);
  }
}
