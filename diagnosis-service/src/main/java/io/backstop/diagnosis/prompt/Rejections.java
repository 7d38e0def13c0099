package io.backstop.diagnosis.prompt;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.diagnosis.DiagnosisRequest;
import io.backstop.events.action.PolicyVerdict;

/** The part of a re-diagnosis prompt that says why the previous proposal was rejected. */
final class Rejections {

  private Rejections() {}

  static String render(DiagnosisRequest request) {
    StringBuilder out = new StringBuilder();
    out.append("A previous diagnosis for this incident was REJECTED by deterministic checks:\n");
    for (PolicyVerdict v : request.rejectionReasons()) {
      out.append(
          "- [%s/%s] %s: %s\n"
              .formatted(v.gate(), v.policyId(), v.outcome(), PromptRenderer.flatten(v.reason())));
    }
    Diagnosis previous = request.previous();
    if (previous != null) {
      out.append(
          "The rejected proposal said: hypothesis \"%s\", resource %s, sha %s, action %s %s.\n"
              .formatted(
                  PromptRenderer.flatten(previous.hypothesis()),
                  previous.suspectedResource(),
                  previous.suspectedDeploySha(),
                  previous.action().type(),
                  previous.action().target()));
    }
    out.append("Diagnose again from the evidence; do not repeat what failed.\n");
    return out.toString();
  }
}
