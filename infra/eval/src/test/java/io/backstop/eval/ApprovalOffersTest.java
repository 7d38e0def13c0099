package io.backstop.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.eval.corpus.CorpusLoader;
import io.backstop.eval.run.Evaluation;
import io.backstop.eval.run.Evaluator;
import io.backstop.eval.run.OutputResult;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.review.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Which escalations of the corpus a person would be asked to approve (an {@code ApprovalRequested}
 * in the live system), and the rule that makes that safe: an approval is only ever offered for a
 * proposal that failed no hard rule (no DENY verdict, no quality failure), and only for exactly the
 * action the proposal asked for. Prints how many outputs of each expected kind get an offer, so the
 * evaluation's count of approval requests is visible beside its ESCALATE count.
 */
class ApprovalOffersTest {

  private static final Path CORPUS = Path.of("").toAbsolutePath();

  @Test
  void noProposalThatFailedAHardRuleIsEverOfferedForApproval() {
    Evaluation evaluation = new Evaluator(PolicyBook.loadDefault()).run(CorpusLoader.load(CORPUS));
    List<OutputResult> offered =
        evaluation.results().stream()
            .filter(r -> r.decision().humanApproval().isPresent())
            .toList();
    Map<String, Long> byKind =
        offered.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.kind() + " " + r.judgement(), TreeMap::new, Collectors.counting()));
    System.out.printf(
        "approval offers: %d of %d outputs escalated; by expected kind and judgement: %s%n",
        offered.size(),
        evaluation.results().stream()
            .filter(r -> r.decision().outcome() == Outcome.ESCALATE)
            .count(),
        byKind);

    assertThat(offered)
        .allSatisfy(
            r -> {
              assertThat(r.decision().outcome()).as(r.key()).isEqualTo(Outcome.ESCALATE);
              assertThat(r.decision().verdicts())
                  .as("%s: an approval offered despite a hard rule", r.key())
                  .noneMatch(v -> v.outcome() == VerdictOutcome.DENY);
              assertThat(r.decision().verdicts())
                  .as("%s: an approval offered despite a quality failure", r.key())
                  .noneMatch(
                      v -> v.gate().equals("quality") && v.outcome() != VerdictOutcome.ALLOW);
              assertThat(r.decision().humanApproval().orElseThrow().overridden())
                  .as("%s: only approvable escalations are overridden", r.key())
                  .allMatch(v -> v.outcome() == VerdictOutcome.ESCALATE);
            });
  }
}
