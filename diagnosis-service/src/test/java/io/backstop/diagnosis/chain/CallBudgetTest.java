package io.backstop.diagnosis.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.diagnosis.CallOutcome;
import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.fixtures.Fixtures;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CallBudgetTest {

  @Test
  void allowsCallsUntilTheCallCapThenSaysWhy() {
    CallBudget budget = CallBudget.of(2, new BigDecimal("1"));
    CallLog log = new CallLog();

    assertThat(budget.exceededBy(log)).isEmpty();
    log.add(call(CallOutcome.SERVER_ERROR, "0.01"));
    assertThat(budget.exceededBy(log)).isEmpty();
    log.add(call(CallOutcome.OK, "0.01"));

    assertThat(budget.exceededBy(log)).hasValue("call cap reached: 2 of 2 calls used");
  }

  @Test
  void stopsOnceTheCostCapIsReached() {
    CallBudget budget = CallBudget.of(10, new BigDecimal("0.05"));
    CallLog log = new CallLog();
    log.add(call(CallOutcome.UNPARSEABLE, "0.05"));

    assertThat(budget.exceededBy(log)).hasValue("cost cap reached: $0.05 of $0.05");
  }

  @Test
  void countsWhatTheIncidentSpentBeforeThisDiagnosis() {
    CallBudget budget = CallBudget.of(3, new BigDecimal("1")).alreadySpent(3, BigDecimal.ZERO);

    assertThat(budget.exceededBy(new CallLog())).isPresent();
  }

  @Test
  void skippedCallsAndTheOfflineAnalyzerCostNothingAndCountNothing() {
    CallBudget budget = CallBudget.of(1, new BigDecimal("1"));
    CallLog log = new CallLog();
    log.add(call(CallOutcome.CIRCUIT_OPEN, "0"));
    log.add(call(CallOutcome.BUDGET_EXCEEDED, "0"));
    log.add(
        new ModelCall(
            "offline-analyzer",
            "rules-v1",
            ModelTier.OFFLINE,
            CallOutcome.OK,
            Fixtures.NOW,
            0,
            0,
            0,
            BigDecimal.ZERO,
            ""));

    assertThat(log.networkCalls()).isZero();
    assertThat(budget.exceededBy(log)).isEmpty();
  }

  private static ModelCall call(CallOutcome outcome, String cost) {
    return new ModelCall(
        "claude",
        "claude-model",
        ModelTier.PRIMARY,
        outcome,
        Fixtures.NOW,
        10,
        1,
        1,
        new BigDecimal(cost),
        "");
  }
}
