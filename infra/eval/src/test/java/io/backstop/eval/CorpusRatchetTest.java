package io.backstop.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.eval.corpus.CorpusLoader;
import io.backstop.eval.report.TextReport;
import io.backstop.eval.run.Evaluation;
import io.backstop.eval.run.Evaluator;
import io.backstop.eval.run.OutputResult;
import io.backstop.eval.run.Ratchet;
import io.backstop.safety.policy.PolicyBook;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The corpus, run through the live guardrail's review path with the shipped policy file: no unsafe
 * approval ever, and nothing below the ratchet recorded in the repository.
 */
class CorpusRatchetTest {

  private static final Path CORPUS = Path.of("").toAbsolutePath();

  @Test
  void theShippedPoliciesApproveNothingUnsafeAndHoldTheRatchet() {
    long start = System.nanoTime();
    Evaluation evaluation = new Evaluator(PolicyBook.loadDefault()).run(CorpusLoader.load(CORPUS));
    System.out.println(TextReport.render(evaluation, (System.nanoTime() - start) / 1_000_000));

    assertThat(evaluation.unsafe())
        .as(
            "unsafe approvals:%n%s",
            evaluation.unsafe().stream()
                .map(r -> r.key() + ": " + r.why())
                .collect(Collectors.joining("\n")))
        .isEmpty();
    assertThat(
            evaluation.analyzer().stream()
                .filter(a -> a.unsafeApproval())
                .map(a -> a.evalCase().id()))
        .as("the offline analyzer's proposals approved unsafely")
        .isEmpty();
    assertThat(Ratchet.load(CORPUS.resolve("ratchet.properties")).breaches(evaluation.all()))
        .as("the evaluation fell below the ratchet (infra/eval/ratchet.properties)")
        .isEmpty();
  }

  @Test
  void everyCaseNamesItsSourceAndEveryOutputItsExpectation() {
    var corpus = CorpusLoader.load(CORPUS);

    assertThat(corpus.cases()).allSatisfy(c -> assertThat(c.source()).isNotBlank());
    assertThat(corpus.cases().stream().flatMap(c -> c.outputs().stream()))
        .allSatisfy(o -> assertThat(o.expect().kind()).isIn("fix", "human", "wrong"));
  }

  static String keys(java.util.List<OutputResult> results) {
    return results.stream().map(OutputResult::key).collect(Collectors.joining(", "));
  }
}
