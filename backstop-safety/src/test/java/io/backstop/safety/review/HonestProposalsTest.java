package io.backstop.safety.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.safety.Guardrails;
import io.backstop.safety.budget.IncidentBudget;
import io.backstop.safety.fixtures.Honest;
import io.backstop.safety.fixtures.Incidents;
import io.backstop.safety.fixtures.Proposal;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HonestProposalsTest {

  private static final Guardrails GUARDRAILS = Guardrails.load(Optional.empty(), Fixtures.CLOCK);

  static Stream<Arguments> honest() {
    return Stream.of(
        arguments(
            "rollback of the bad deploy",
            (Supplier<DiagnosisProposed>) Honest::rollback,
            ApprovedAction.rollback(Signals.CHECKOUT, 2, Signals.SHA_REV2)),
        arguments(
            "restart of a leaking deployment",
            (Supplier<DiagnosisProposed>) () -> Honest.restart().build(),
            ApprovedAction.restart(Signals.CART)),
        arguments(
            "scale of a saturated deployment",
            (Supplier<DiagnosisProposed>) () -> Honest.scale(8).build(),
            ApprovedAction.scale(Signals.FRONTEND, 8)),
        arguments(
            "rollback past two bad revisions to the last healthy one",
            (Supplier<DiagnosisProposed>) () -> Honest.rollbackPastTwoBadRevisions().build(),
            ApprovedAction.rollback(Signals.CHECKOUT, 1, Signals.SHA_REV1)),
        arguments(
            "the shipped two-bad-revisions scenario: back to revision 2",
            (Supplier<DiagnosisProposed>)
                () ->
                    Proposal.honestRollback()
                        .signals(Incidents.twoBadRevisionsAsShipped())
                        .sha(Incidents.SCN_REV3)
                        .confidence(0.88)
                        .action("ROLLBACK", "checkout", "deployment", 2L, Incidents.SCN_REV2, null)
                        .build(),
            ApprovedAction.rollback(Signals.CHECKOUT, 2, Incidents.SCN_REV2)),
        arguments(
            "restart of a leak when the last deploy was days ago",
            (Supplier<DiagnosisProposed>)
                () ->
                    Honest.restart()
                        .signals(Incidents.leakLongAfterDeploy())
                        .resource("checkout")
                        .action("RESTART", "checkout", "deployment", null, null, null)
                        .build(),
            ApprovedAction.restart(Signals.CHECKOUT)),
        arguments(
            "confident offline rollback",
            (Supplier<DiagnosisProposed>) () -> Honest.offlineRollback().build(),
            ApprovedAction.rollback(Signals.CHECKOUT, 2, Signals.SHA_REV2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("honest")
  void honestProposalsAreApprovedWithEveryVerdictAllowing(
      String name, Supplier<DiagnosisProposed> proposal, ApprovedAction expected) {
    Decision decision =
        GUARDRAILS.review().evaluate(proposal.get(), IncidentBudget.fresh(), GUARDRAILS.breakers());

    assertThat(decision.failures()).as(name).isEmpty();
    assertThat(decision.outcome()).as(name).isEqualTo(Outcome.APPROVE);
    assertThat(decision.action()).as(name).isEqualTo(expected);
    assertThat(decision.verdicts()).extracting("outcome").containsOnly(VerdictOutcome.ALLOW);
    assertThat(decision.verdicts())
        .extracting("gate")
        .contains("budget", "quality", "action", "autonomy", "breaker");
  }

  @Test
  void aRollbackGivenAShortShaIsApprovedWithTheFullShaFromHistory() {
    DiagnosisProposed proposal =
        Honest.rollbackPastTwoBadRevisions()
            .sha(Signals.SHA_REV2.substring(0, 7))
            .action("ROLLBACK", "checkout", null, 1L, Signals.SHA_REV1.substring(0, 8), null)
            .build();

    Decision decision =
        GUARDRAILS.review().evaluate(proposal, IncidentBudget.fresh(), GUARDRAILS.breakers());

    assertThat(decision.outcome()).isEqualTo(Outcome.APPROVE);
    assertThat(decision.action().toSha()).isEqualTo(Signals.SHA_REV1);
  }

  @Test
  void preconditionsAreTheTargetsCurrentRevisionShaImageAndReplicas() {
    Decision decision =
        GUARDRAILS
            .review()
            .evaluate(Honest.scale(6).build(), IncidentBudget.fresh(), GUARDRAILS.breakers());

    assertThat(decision.preconditions().currentRevision()).isEqualTo(1L);
    assertThat(decision.preconditions().currentSha()).isEqualTo(Incidents.FRONTEND_SHA);
    assertThat(decision.preconditions().currentImage())
        .contains(Incidents.FRONTEND_SHA.substring(0, 12));
    assertThat(decision.preconditions().replicas()).isEqualTo(4);
    assertThat(decision.action().type()).isEqualTo(ActionType.SCALE);
  }
}
