package io.backstop.executor.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionApproved;
import io.backstop.events.SignalsGathered;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.Preconditions;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.events.approval.Approver;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.signal.Findings;
import io.backstop.events.signal.ReleaseTrain;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.executor.check.Recheck;
import io.backstop.executor.fixtures.Approvals;
import io.backstop.safety.Guardrails;
import io.backstop.safety.gate.ActionGate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SafetyRecheckTest {

  static final Guardrails GUARDRAILS = Guardrails.load(Optional.empty(), Fixtures.CLOCK);
  static final SafetyRecheck RECHECK =
      new SafetyRecheck(GUARDRAILS.actionGate(), GUARDRAILS.book());

  /** checkout's rollback while checkout and cart run the same build: a release train. */
  static ActionApproved trainLegRollback(List<Approver> approvers) {
    SignalsGathered bad = Signals.badDeploy();
    SignalsGathered train =
        new SignalsGathered(
            bad.header(),
            bad.target(),
            bad.evidence(),
            bad.rollouts(),
            bad.inventory(),
            bad.symptoms(),
            bad.anomalyOnset(),
            bad.redactionCount(),
            bad.missingSources(),
            new Findings(
                List.of(),
                List.of(),
                List.of(
                    new ReleaseTrain(
                        Signals.SHA_REV3,
                        List.of(Signals.CHECKOUT, Signals.CART),
                        Fixtures.minutesAgo(12))),
                List.of(),
                List.of(),
                List.of()),
            bad.gathering());
    ActionApproved plain =
        Approvals.approve(
            Diagnoses.honestRollback(io.backstop.events.codec.EventCodec.seal(train)),
            ApprovedAction.rollback(Signals.CHECKOUT, 2, Signals.SHA_REV2),
            new Preconditions(3, Signals.SHA_REV3, Approvals.IMAGE_REV3, 3),
            1);
    return new ActionApproved(
        plain.header(),
        plain.actionId(),
        plain.action(),
        plain.preconditions(),
        plain.verdicts(),
        plain.budgetLeft(),
        plain.diagnosis(),
        approvers);
  }

  static final Approver ALICE =
      new Approver(
          "alice",
          Fixtures.NOW,
          "console 127.0.0.1",
          "one leg; cart is fine on rev 3",
          io.backstop.events.id.EventId.external("decision-alice"));

  @Test
  void acceptsAnApprovablePolicysEscalationOnlyWhenPeopleApprovedTheWrite() {
    Recheck autonomous = RECHECK.recheck(trainLegRollback(List.of()), 0);
    Recheck approved = RECHECK.recheck(trainLegRollback(List.of(ALICE)), 0);

    assertThat(autonomous.allowed()).isFalse();
    assertThat(autonomous.reason()).contains("action.rollback-release-train");
    assertThat(approved.allowed()).as(approved.reason()).isTrue();
  }

  @Test
  void neverAcceptsAnApprovedEscalationWithoutThePolicyBook() {
    SafetyRecheck bookless = new SafetyRecheck(GUARDRAILS.actionGate());

    assertThat(bookless.recheck(trainLegRollback(List.of(ALICE)), 0).allowed()).isFalse();
  }

  @Test
  void aPersonsApprovalNeverOverridesADeny() {
    ActionApproved forged =
        Approvals.forgedRestartOf(
            WorkloadRef.deployment("shop", "prod-db"),
            new Preconditions(1, null, "registry.local/shop/prod-db:15", 3));
    ActionApproved approvedByAPerson =
        new ActionApproved(
            forged.header(),
            forged.actionId(),
            forged.action(),
            forged.preconditions(),
            forged.verdicts(),
            forged.budgetLeft(),
            forged.diagnosis(),
            List.of(ALICE));

    assertThat(RECHECK.recheck(approvedByAPerson, 0).allowed()).isFalse();
  }

  @Test
  void allowsTheHonestRollbackTheGuardrailApproved() {
    Recheck recheck = RECHECK.recheck(Approvals.rollbackCheckout(), 0);

    assertThat(recheck.allowed()).as(recheck.reason()).isTrue();
    assertThat(recheck.verdicts()).isNotEmpty().allMatch(v -> v.outcome() == VerdictOutcome.ALLOW);
  }

  @Test
  void deniesAForgedApprovalToRestartAProtectedDeploymentTheDiagnosisNeverNamed() {
    ActionApproved forged =
        Approvals.forgedRestartOf(
            WorkloadRef.deployment("shop", "prod-db"),
            new Preconditions(1, null, "registry.local/shop/prod-db:15", 3));

    Recheck recheck = RECHECK.recheck(forged, 0);

    assertThat(recheck.allowed()).isFalse();
    assertThat(recheck.verdicts()).anyMatch(v -> v.outcome() != VerdictOutcome.ALLOW);
    assertThat(recheck.reason()).isNotBlank();
  }

  @Test
  void deniesAnApprovalBuiltFromTheHallucinatedDiagnosis() {
    ActionApproved hallucinated =
        Approvals.approve(
            Diagnoses.hallucinatedRollbackAll(),
            ApprovedAction.rollback(Signals.CHECKOUT, 1, Signals.SHA_REV1),
            new Preconditions(3, Signals.SHA_REV3, Approvals.IMAGE_REV3, 3),
            1);

    assertThat(RECHECK.recheck(hallucinated, 0).allowed()).isFalse();
  }

  @Test
  void deniesASecondWriteForAnIncidentTheLedgerAlreadyWroteFor() {
    Recheck recheck = RECHECK.recheck(Approvals.rollbackCheckout(), 1);

    assertThat(recheck.allowed()).isFalse();
    assertThat(recheck.verdicts())
        .anyMatch(
            v ->
                v.policyId().equals("action.one-write-per-incident")
                    && v.outcome() != VerdictOutcome.ALLOW);
  }

  @Test
  void deniesWhenTheGateItselfFails() {
    SafetyRecheck broken = new SafetyRecheck(new ActionGate(null));

    Recheck recheck = broken.recheck(Approvals.rollbackCheckout(), 0);

    assertThat(recheck.allowed()).isFalse();
    assertThat(recheck.verdicts())
        .singleElement()
        .satisfies(v -> assertThat(v.policyId()).isEqualTo(SafetyRecheck.ERROR_POLICY));
  }
}
