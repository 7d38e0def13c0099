package io.backstop.stack.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.stack.chaos.StormAct.Approval;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The storm row's judgement of the approvals on the audit log: it fails when the guardrail approved
 * a second incident's automated write to a target another incident's approval already wrote to (the
 * storm found a second rollback of checkout approved seconds after the first).
 */
class StormActTest {

  @Test
  void aTargetApprovedOnItsOwnForTwoIncidentsFailsTheRow() {
    List<String> stacked =
        StormAct.stackedTargets(
            List.of(
                new Approval("shop/checkout", "inc-1", false),
                new Approval("shop/cart", "inc-2", false),
                new Approval("shop/checkout", "inc-3", false)));

    assertThat(stacked).containsExactly("shop/checkout approved for 2 incidents [inc-1, inc-3]");
  }

  @Test
  void oneApprovalPerTargetAndTheSameIncidentsFollowUpPass() {
    assertThat(
            StormAct.stackedTargets(
                List.of(
                    new Approval("shop/checkout", "inc-1", false),
                    new Approval("shop/checkout", "inc-1", false),
                    new Approval("shop/cart", "inc-2", false),
                    new Approval("payments/checkout", "inc-3", false))))
        .isEmpty();
  }

  @Test
  void aPersonsApprovalOfTheEscalatedSecondWriteIsTheRuleWorking() {
    assertThat(
            StormAct.stackedTargets(
                List.of(
                    new Approval("shop/checkout", "inc-1", false),
                    new Approval("shop/checkout", "inc-2", true))))
        .isEmpty();
  }
}
