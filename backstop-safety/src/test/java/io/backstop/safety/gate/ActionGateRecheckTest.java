package io.backstop.safety.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.action.ApprovedAction;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Signals;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.verdict.Verdict;
import org.junit.jupiter.api.Test;

class ActionGateRecheckTest {

  private final ActionGate gate = new ActionGate(PolicyBook.loadDefault());

  @Test
  void theExecutorsRecheckPassesTheHonestApproval() {
    var approved = ApprovedAction.rollback(Signals.CHECKOUT, 2, Signals.SHA_REV2);

    assertThat(gate.recheck(approved, Diagnoses.honestRollback()).failures()).isEmpty();
  }

  @Test
  void deniesAnApprovalThatIsNotWhatTheDiagnosisRecommended() {
    var tampered = ApprovedAction.rollback(Signals.CHECKOUT, 1, Signals.SHA_REV1);

    var result = gate.recheck(tampered, Diagnoses.honestRollback());

    assertThat(result.passed()).isFalse();
    assertThat(result.failures()).extracting(Verdict::policyId).contains("action.matches-proposal");
  }

  @Test
  void deniesAnApprovedRestartOfAnotherDeployment() {
    var other = ApprovedAction.restart(Signals.FRONTEND);

    var result = gate.recheck(other, Diagnoses.honestRollback());

    assertThat(result.failures())
        .extracting(Verdict::policyId)
        .contains("action.matches-proposal", "action.target-is-suspect");
  }

  @Test
  void theRecheckCountsPriorWritesOfTheIncident() {
    var approved = ApprovedAction.rollback(Signals.CHECKOUT, 2, Signals.SHA_REV2);

    var result = gate.recheck(approved, Diagnoses.honestRollback(), 1);

    assertThat(result.failures())
        .extracting(Verdict::policyId)
        .containsExactly("action.one-write-per-incident");
  }
}
