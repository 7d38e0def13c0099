package io.backstop.safety.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.signal.Workload;
import io.backstop.safety.Guardrails;
import io.backstop.safety.budget.IncidentBudget;
import io.backstop.safety.fixtures.Honest;
import io.backstop.safety.fixtures.Incidents;
import io.backstop.safety.fixtures.Proposal;
import io.backstop.safety.fixtures.Scene;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.verdict.Gate;
import io.backstop.safety.verdict.GateResult;
import io.backstop.safety.verdict.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which escalations a person may approve. Every hard rule (quality, any deny rule, the vocabulary,
 * the breaker) keeps a proposal read-only, even when it also fell short of autonomy; only the tier,
 * the anomaly budget and policies marked approvable can be answered by an approval.
 */
class ApprovabilityTest {

  private final Guardrails guardrails = Guardrails.load(Optional.empty(), Fixtures.CLOCK);

  /** A fallback model's honest rollback at 0.75: grounded, below the 0.8 write threshold. */
  private static Proposal unsure() {
    return Proposal.honestRollback().tier(ModelTier.FALLBACK).confidence(0.75);
  }

  static Stream<Arguments> neverApprovable() {
    return Stream.of(
        row("scope=all", () -> unsure().scope("all").build()),
        row(
            "restart of the protected prod-db StatefulSet",
            () ->
                Honest.restart()
                    .tier(ModelTier.FALLBACK)
                    .confidence(0.75)
                    .action("RESTART", "prod-db", null, null, null, null)
                    .build()),
        row(
            "a verb outside the vocabulary",
            () -> unsure().action("DELETE", "checkout", null, null, null, null).build()),
        row("a hallucinated SHA", () -> unsure().sha("e4f5a6b7c8d9").build()),
        row(
            "a rollback to the bad revision itself",
            () ->
                unsure()
                    .action("ROLLBACK", "checkout", "deployment", 3L, Signals.SHA_REV3, null)
                    .build()),
        row(
            "a scale far out of bounds",
            () -> Honest.scale(50).tier(ModelTier.FALLBACK).confidence(0.75).build()),
        row(
            "a credential failure (escalates, not approvable)",
            () -> unsure().signals(Incidents.credentialFailure()).build()),
        row(
            "a write in kube-system",
            () ->
                Honest.restart()
                    .signals(Incidents.kubeSystemLeak())
                    .resource("coredns")
                    .namespace("kube-system")
                    .action("RESTART", "coredns", null, null, null, null)
                    .tier(ModelTier.FALLBACK)
                    .confidence(0.75)
                    .build()),
        row(
            "ESCALATE recommended",
            () -> unsure().action("ESCALATE", "checkout", null, null, null, null).build()));
  }

  private static Arguments row(String name, Supplier<DiagnosisProposed> proposal) {
    return Arguments.of(name, proposal);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("neverApprovable")
  void aProposalThatFailsAHardRuleIsNeverOfferedForApproval(
      String name, Supplier<DiagnosisProposed> proposal) {
    Decision decision = review(proposal.get(), IncidentBudget.fresh());

    assertThat(decision.outcome()).isNotEqualTo(Outcome.APPROVE);
    assertThat(decision.humanApproval()).as(name).isEmpty();
  }

  @Test
  void aGroundedRollbackBelowTheTiersWriteThresholdIsOfferedAsTheExactWrite() {
    Decision decision = review(unsure().build(), IncidentBudget.fresh());

    assertThat(decision.escalationReason()).isEqualTo(EscalationReason.TIER_AUTONOMY_LIMIT);
    HumanApproval approval = decision.humanApproval().orElseThrow();
    assertThat(approval.action())
        .isEqualTo(ApprovedAction.rollbackToTemplate(Signals.CHECKOUT, 2, Signals.SHA_REV2, null));
    assertThat(approval.preconditions().currentRevision()).isEqualTo(3L);
    assertThat(approval.approversRequired()).isEqualTo(1);
    assertThat(approval.expiry()).isEqualTo(Duration.ofMinutes(15));
    assertThat(approval.overridden())
        .extracting(PolicyVerdict::policyId)
        .containsExactly("autonomy.tier-confidence");
    assertThat(decision.suggestedAction()).contains("Approve or deny");
  }

  @Test
  void oneLegOfAReleaseTrainIsApprovableSinceThePolicyIsMarkedSo() {
    Decision decision =
        review(
            Proposal.honestRollback()
                .signals(
                    Scene.badDeploy()
                        .train(Signals.SHA_REV3, Signals.CHECKOUT, Signals.CART)
                        .build())
                .build(),
            IncidentBudget.fresh());

    assertThat(decision.escalationReason()).isEqualTo(EscalationReason.ACTION_BLOCKED);
    assertThat(decision.humanApproval()).isPresent();
  }

  @Test
  void aSpentAnomalyBudgetIsApprovableWhenEveryHardRuleHolds() {
    IncidentBudget spent = new IncidentBudget(3, 2, 2, 1, 0, 0, 12);

    Decision decision = review(Diagnoses.honest(), spent);

    assertThat(decision.escalationReason()).isEqualTo(EscalationReason.ANOMALY_BUDGET_EXHAUSTED);
    assertThat(decision.humanApproval().orElseThrow().overridden())
        .extracting(PolicyVerdict::policyId)
        .contains("budget.anomaly-points");
  }

  @Test
  void aWriteWhileTheBreakerIsOpenIsNotApprovable() {
    guardrails.breakers().apply(ReviewFlowTestAccess.breakerOpened());

    Decision decision = review(unsure().build(), IncidentBudget.fresh());

    assertThat(decision.humanApproval()).isEmpty();
  }

  @Test
  void aSecondWriteInTheIncidentIsNotApprovable() {
    Decision decision = review(unsure().build(), new IncidentBudget(1, 0, 0, 0, 0, 1, 0));

    assertThat(decision.humanApproval()).isEmpty();
  }

  @Test
  void aProductionWorkloadNeedsTwoApprovers() {
    var labelled =
        Signals.badDeploy().inventory().stream()
            .map(
                w ->
                    w.ref().equals(Signals.CHECKOUT)
                        ? new Workload(
                            w.ref(),
                            w.desiredReplicas(),
                            w.readyReplicas(),
                            Map.of("app", "checkout", "backstop.io/environment", "production"))
                        : w)
            .toList();
    var signals = Scene.badDeploy().build();
    var production =
        new io.backstop.events.SignalsGathered(
            signals.header(),
            signals.target(),
            signals.evidence(),
            signals.rollouts(),
            labelled,
            signals.symptoms(),
            signals.anomalyOnset(),
            signals.redactionCount(),
            signals.missingSources(),
            signals.findings(),
            signals.gathering());

    Decision decision = review(unsure().signals(production).build(), IncidentBudget.fresh());

    assertThat(decision.humanApproval().orElseThrow().approversRequired()).isEqualTo(2);
  }

  @Test
  void theRecheckPassesForTheApprovedActionAndFailsOnceTheIncidentHasWritten() {
    DiagnosisProposed diagnosis = unsure().build();
    HumanApproval approval =
        review(diagnosis, IncidentBudget.fresh()).humanApproval().orElseThrow();
    Review review = guardrails.review();

    assertThat(
            review
                .recheckApproval(
                    diagnosis,
                    approval.action(),
                    approval.preconditions(),
                    0,
                    guardrails.breakers())
                .passed())
        .isTrue();
    ApprovalCheck afterAWrite =
        review.recheckApproval(
            diagnosis, approval.action(), approval.preconditions(), 1, guardrails.breakers());
    assertThat(afterAWrite.passed()).isFalse();
    assertThat(afterAWrite.reason()).isEqualTo(EscalationReason.ACTION_BLOCKED);
    assertThat(afterAWrite.verdicts())
        .extracting(PolicyVerdict::policyId)
        .contains("action.one-write-per-incident");
  }

  @Test
  void theRecheckRefusesAnyActionButTheOneTheRulesBuilt() {
    DiagnosisProposed diagnosis = unsure().build();
    HumanApproval approval =
        review(diagnosis, IncidentBudget.fresh()).humanApproval().orElseThrow();
    Review review = guardrails.review();

    for (ApprovedAction other :
        List.of(
            ApprovedAction.rollback(Signals.CHECKOUT, 1, Signals.SHA_REV1),
            ApprovedAction.restart(Signals.CHECKOUT),
            ApprovedAction.scale(Signals.CHECKOUT, 9),
            ApprovedAction.restart(Signals.CART))) {
      assertThat(
              review
                  .recheckApproval(
                      diagnosis, other, approval.preconditions(), 0, guardrails.breakers())
                  .passed())
          .as("%s", other)
          .isFalse();
    }
  }

  @Test
  void theRecheckRefusesWhileTheBreakerIsOpen() {
    DiagnosisProposed diagnosis = unsure().build();
    HumanApproval approval =
        review(diagnosis, IncidentBudget.fresh()).humanApproval().orElseThrow();
    guardrails.breakers().apply(ReviewFlowTestAccess.breakerOpened());

    ApprovalCheck check =
        guardrails
            .review()
            .recheckApproval(
                diagnosis, approval.action(), approval.preconditions(), 0, guardrails.breakers());

    assertThat(check.passed()).isFalse();
    assertThat(check.reason()).isEqualTo(EscalationReason.BREAKER_OPEN);
  }

  @Test
  void onlyEscalationsOfApprovablePoliciesCanBeOverridden() {
    PolicyBook book = guardrails.book();

    assertThat(Approvability.overridable(new GateResult(Gate.ACTION, List.of()), book)).isFalse();
    assertThat(
            Approvability.overridable(
                new GateResult(
                    Gate.ACTION,
                    List.of(Verdict.escalate("action.rollback-release-train", "train"))),
                book))
        .isTrue();
    assertThat(
            Approvability.overridable(
                new GateResult(
                    Gate.ACTION,
                    List.of(Verdict.escalate("action.credential-failure-needs-human", "creds"))),
                book))
        .isFalse();
    assertThat(
            Approvability.overridable(
                new GateResult(
                    Gate.ACTION,
                    List.of(
                        Verdict.escalate("action.rollback-release-train", "train"),
                        Verdict.deny("action.not-protected-label", "protected"))),
                book))
        .isFalse();
    assertThat(book.approvable("autonomy.tier-confidence")).isTrue();
    assertThat(book.approvable("action.not-protected-label")).isFalse();
    assertThat(book.approvable("no.such.policy")).isFalse();
  }

  private Decision review(DiagnosisProposed diagnosis, IncidentBudget budget) {
    return guardrails.review().evaluate(diagnosis, budget, guardrails.breakers());
  }

  /** The honest rollback, as every test here starts from. */
  private static final class Diagnoses {
    static DiagnosisProposed honest() {
      return Honest.rollback();
    }
  }

  static {
    assertThat(ActionType.ROLLBACK.isWrite()).isTrue();
  }
}
