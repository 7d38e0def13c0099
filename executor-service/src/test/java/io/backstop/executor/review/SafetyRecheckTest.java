package io.backstop.executor.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionApproved;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.Preconditions;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.executor.Recheck;
import io.backstop.executor.fixtures.Approvals;
import io.backstop.safety.Guardrails;
import io.backstop.safety.gate.ActionGate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SafetyRecheckTest {

  static final SafetyRecheck RECHECK =
      new SafetyRecheck(Guardrails.load(Optional.empty(), Fixtures.CLOCK).actionGate());

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
