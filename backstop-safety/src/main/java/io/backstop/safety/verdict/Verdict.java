package io.backstop.safety.verdict;

import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.VerdictOutcome;
import java.util.Objects;

/**
 * One policy's judgement, as a value. Safety rationale: a refusal is never an exception or a
 * silence; it is a {@link Deny} or {@link Escalate} naming the policy and the reason, so every stop
 * is on the record and can be asserted by id. Only an {@link Allow} lets anything through.
 */
public sealed interface Verdict permits Verdict.Allow, Verdict.Deny, Verdict.Escalate {

  String policyId();

  String reason();

  VerdictOutcome outcome();

  default boolean allows() {
    return this instanceof Allow;
  }

  /** The verdict as it goes on the record, under the gate that produced it. */
  default PolicyVerdict toRecord(Gate gate) {
    return new PolicyVerdict(gate.id(), policyId(), outcome(), reason());
  }

  static Verdict allow(String policyId, String reason) {
    return new Allow(policyId, reason);
  }

  static Verdict deny(String policyId, String reason) {
    return new Deny(policyId, reason);
  }

  static Verdict escalate(String policyId, String reason) {
    return new Escalate(policyId, reason);
  }

  /** The policy held. */
  record Allow(String policyId, String reason) implements Verdict {
    public Allow {
      Objects.requireNonNull(policyId, "policyId");
      reason = reason == null ? "" : reason;
    }

    @Override
    public VerdictOutcome outcome() {
      return VerdictOutcome.ALLOW;
    }
  }

  /** The policy failed: the proposal must not proceed. */
  record Deny(String policyId, String reason) implements Verdict {
    public Deny {
      Objects.requireNonNull(policyId, "policyId");
      reason = reason == null ? "" : reason;
    }

    @Override
    public VerdictOutcome outcome() {
      return VerdictOutcome.DENY;
    }
  }

  /** The policy says a human must decide: the proposal must not proceed automatically. */
  record Escalate(String policyId, String reason) implements Verdict {
    public Escalate {
      Objects.requireNonNull(policyId, "policyId");
      reason = reason == null ? "" : reason;
    }

    @Override
    public VerdictOutcome outcome() {
      return VerdictOutcome.ESCALATE;
    }
  }
}
