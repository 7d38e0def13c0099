package io.backstop.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.Preconditions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.signal.ErrorBasis;
import io.backstop.executor.fixtures.Approvals;
import io.backstop.executor.fixtures.ShopApi;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which error signal a write is verified against. */
class WriteStepBasisTest {

  static final ErrorBasis BASIS = new ErrorBasis(List.of("409", "500"), 0.01, 0.05, "q");

  @Test
  void aWriteToTheWorkloadTriageMeasuredIsJudgedByTheRecordedBasis() {
    assertThat(WriteStep.basis(Approvals.rollbackCheckoutJudgedBy(BASIS))).isEqualTo(BASIS);
  }

  @Test
  void signalsThatRecordNoBasisGetTheFixedRule() {
    assertThat(WriteStep.basis(Approvals.rollbackCheckout())).isNull();
  }

  @Test
  void aWriteToAnotherWorkloadIsNotJudgedByTheAlertedWorkloadsCodesAndBaseline() {
    var judged = Approvals.rollbackCheckoutJudgedBy(BASIS);
    var cartRestart =
        Approvals.approve(
            judged.diagnosis(),
            ApprovedAction.restart(Signals.CART),
            new Preconditions(1, Signals.CART_SHA, ShopApi.CART_IMAGE, 2),
            12);

    assertThat(WriteStep.basis(cartRestart)).isNull();
    assertThat(Diagnoses.honestRollback().signals().target()).isEqualTo(Signals.CHECKOUT);
  }
}
