package io.backstop.safety.policy;

import io.backstop.safety.facts.Facts;
import io.backstop.safety.verdict.Gate;
import io.backstop.safety.verdict.GateResult;
import io.backstop.safety.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * All of a gate's policies, evaluated together: the fail-closed {@code allOf}. Safety rationale:
 * unlike combinators that grant on an empty set, an empty set here DENIES; a policy that throws, or
 * returns nothing, DENIES with the exception named; every policy is evaluated so the record shows
 * all the reasons, not just the first.
 */
public final class PolicySet {

  /** The policy id of the verdict an empty set returns. */
  public static final String EMPTY_SET_ID = "policy-set.empty";

  private final Gate gate;
  private final List<Policy> policies;

  private PolicySet(Gate gate, List<Policy> policies) {
    this.gate = gate;
    this.policies = List.copyOf(policies);
  }

  public static PolicySet allOf(Gate gate, List<? extends Policy> policies) {
    return new PolicySet(gate, List.copyOf(policies));
  }

  public Gate gate() {
    return gate;
  }

  public List<Policy> policies() {
    return policies;
  }

  public GateResult evaluate(Facts facts) {
    if (policies.isEmpty()) {
      return new GateResult(
          gate, List.of(Verdict.deny(EMPTY_SET_ID, "the " + gate.id() + " gate has no policies")));
    }
    List<Verdict> verdicts = new ArrayList<>(policies.size());
    for (Policy policy : policies) {
      verdicts.add(evaluateOne(policy, facts));
    }
    return new GateResult(gate, verdicts);
  }

  private static Verdict evaluateOne(Policy policy, Facts facts) {
    String id = safeId(policy);
    try {
      Verdict verdict = policy.evaluate(facts);
      if (verdict == null) {
        return Verdict.deny(id, "policy returned no verdict");
      }
      return verdict;
    } catch (RuntimeException | StackOverflowError e) {
      return Verdict.deny(
          id, "policy threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static String safeId(Policy policy) {
    try {
      String id = policy.id();
      return id == null || id.isBlank() ? "policy.unnamed" : id;
    } catch (RuntimeException e) {
      return "policy.unnamed";
    }
  }
}
