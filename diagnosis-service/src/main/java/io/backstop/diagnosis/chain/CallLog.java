package io.backstop.diagnosis.chain;

import io.backstop.events.diagnosis.CallOutcome;
import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.diagnosis.ModelTier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Every call made for one proposal, in order: the receipts. */
public final class CallLog {

  private final List<ModelCall> calls = new ArrayList<>();

  public void add(ModelCall call) {
    calls.add(call);
  }

  public List<ModelCall> calls() {
    return List.copyOf(calls);
  }

  /** Calls that reached a target (skipped ones, circuit open or over budget, did not). */
  public int networkCalls() {
    return (int) calls.stream().filter(CallLog::reachedNetwork).count();
  }

  public BigDecimal cost() {
    return calls.stream().map(ModelCall::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  static boolean reachedNetwork(ModelCall call) {
    return call.outcome() != CallOutcome.CIRCUIT_OPEN
        && call.outcome() != CallOutcome.BUDGET_EXCEEDED
        && call.tier() != ModelTier.OFFLINE;
  }
}
