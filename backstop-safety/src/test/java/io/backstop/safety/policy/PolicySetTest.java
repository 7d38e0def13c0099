package io.backstop.safety.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.action.VerdictOutcome;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.safety.facts.FactSheet;
import io.backstop.safety.facts.Facts;
import io.backstop.safety.facts.ProposedWrite;
import io.backstop.safety.facts.Subject;
import io.backstop.safety.verdict.Gate;
import io.backstop.safety.verdict.GateResult;
import io.backstop.safety.verdict.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicySetTest {

  private static final Facts FACTS = honestFacts();

  @Test
  void emptyPolicySetDenies() {
    GateResult result = PolicySet.allOf(Gate.ACTION, List.of()).evaluate(FACTS);

    assertThat(result.outcome()).isEqualTo(VerdictOutcome.DENY);
    assertThat(result.verdicts())
        .extracting(Verdict::policyId)
        .containsExactly(PolicySet.EMPTY_SET_ID);
  }

  @Test
  void policyThatThrowsDenies() {
    Policy throwing =
        policy(
            "boom",
            facts -> {
              throw new IllegalStateException("no such fact");
            });

    GateResult result =
        PolicySet.allOf(Gate.ACTION, List.of(throwing, policy("ok", f -> Verdict.allow("ok", ""))))
            .evaluate(FACTS);

    assertThat(result.outcome()).isEqualTo(VerdictOutcome.DENY);
    assertThat(result.failures())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.policyId()).isEqualTo("boom");
              assertThat(v.reason()).contains("IllegalStateException").contains("no such fact");
            });
  }

  @Test
  void policyReturningNoVerdictDenies() {
    GateResult result =
        PolicySet.allOf(Gate.QUALITY, List.of(policy("silent", f -> null))).evaluate(FACTS);

    assertThat(result.failures()).extracting(Verdict::policyId).containsExactly("silent");
  }

  @Test
  void oneEscalateAmongAllowsEscalatesAndDenyWinsOverEscalate() {
    Policy allow = policy("a", f -> Verdict.allow("a", ""));
    Policy escalate = policy("e", f -> Verdict.escalate("e", "human"));
    Policy deny = policy("d", f -> Verdict.deny("d", "no"));

    assertThat(PolicySet.allOf(Gate.ACTION, List.of(allow, escalate)).evaluate(FACTS).outcome())
        .isEqualTo(VerdictOutcome.ESCALATE);
    assertThat(PolicySet.allOf(Gate.ACTION, List.of(escalate, deny)).evaluate(FACTS).outcome())
        .isEqualTo(VerdictOutcome.DENY);
    assertThat(PolicySet.allOf(Gate.ACTION, List.of(allow)).evaluate(FACTS).outcome())
        .isEqualTo(VerdictOutcome.ALLOW);
  }

  @Test
  void everyPolicyIsEvaluatedSoTheRecordHasAllReasons() {
    GateResult result =
        PolicySet.allOf(
                Gate.QUALITY,
                List.of(
                    policy("d1", f -> Verdict.deny("d1", "x")),
                    policy("d2", f -> Verdict.deny("d2", "y"))))
            .evaluate(FACTS);

    assertThat(result.toRecords()).extracting("policyId").containsExactly("d1", "d2");
    assertThat(result.toRecords()).extracting("gate").containsOnly("quality");
  }

  static Policy policy(String id, java.util.function.Function<Facts, Verdict> body) {
    return new Policy() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Verdict evaluate(Facts facts) {
        return body.apply(facts);
      }
    };
  }

  private static Facts honestFacts() {
    var diagnosis = Diagnoses.honestRollback();
    return FactSheet.compute(
        new Subject(diagnosis, diagnosis.signals(), ProposedWrite.recommended(diagnosis), 0),
        PolicyBook.loadDefault().settings());
  }
}
