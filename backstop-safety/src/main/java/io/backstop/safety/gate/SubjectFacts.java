package io.backstop.safety.gate;

import io.backstop.safety.config.Settings;
import io.backstop.safety.facts.FactSheet;
import io.backstop.safety.facts.Facts;
import io.backstop.safety.facts.Subject;
import io.backstop.safety.policy.PolicySet;
import io.backstop.safety.verdict.GateResult;
import io.backstop.safety.verdict.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * The facts of one subject, or the reason they could not be computed. Safety rationale: if the
 * facts cannot be computed (a malformed proposal that slipped past the contract), every gate run on
 * them DENIES with policy id {@value #FACTS_UNAVAILABLE}; nothing is judged on partial facts.
 */
public record SubjectFacts(Optional<Facts> facts, String failure) {

  public static final String FACTS_UNAVAILABLE = "facts.unavailable";

  public static SubjectFacts of(Subject subject, Settings settings) {
    try {
      return new SubjectFacts(Optional.of(FactSheet.compute(subject, settings)), "");
    } catch (RuntimeException e) {
      return new SubjectFacts(
          Optional.empty(), e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()));
    }
  }

  public GateResult run(PolicySet policies) {
    if (facts.isEmpty()) {
      return new GateResult(
          policies.gate(),
          List.of(Verdict.deny(FACTS_UNAVAILABLE, "facts could not be computed: " + failure)));
    }
    return policies.evaluate(facts.get());
  }
}
