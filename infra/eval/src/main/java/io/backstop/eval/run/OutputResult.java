package io.backstop.eval.run;

import io.backstop.eval.corpus.EvalCase;
import io.backstop.eval.corpus.ModelOutput;
import io.backstop.safety.review.Decision;

/** One output of one case: the decision the review path made and how it compares. */
public record OutputResult(
    EvalCase evalCase, ModelOutput output, Decision decision, Judgement judgement, String why) {

  public String key() {
    return evalCase.id() + "/" + output.name();
  }

  public String kind() {
    return output.expect().kind();
  }
}
