package io.backstop.events.action;

import io.backstop.events.Require;

/** One policy's verdict as it goes on the record: gate, policy id, outcome and the reason. */
public record PolicyVerdict(String gate, String policyId, VerdictOutcome outcome, String reason) {

  public PolicyVerdict {
    Require.text(gate, "verdict.gate");
    Require.text(policyId, "verdict.policyId");
    Require.present(outcome, "verdict.outcome");
    reason = reason == null ? "" : reason;
  }
}
