package io.backstop.diagnosis.analyzer;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.diagnosis.RecommendedAction;
import io.backstop.events.signal.Revision;
import java.util.List;
import java.util.Map;

/** How the analyzer words its diagnoses. */
final class Diagnoses {

  private Diagnoses() {}

  static Diagnosis escalate(Findings f, String hypothesis, double confidence, List<String> cited) {
    var action =
        new RecommendedAction(
            ActionType.ESCALATE.name(),
            f.workload().name(),
            f.workload().namespace(),
            null,
            null,
            null,
            null,
            Map.of());
    return new Diagnosis(
        hypothesis, f.workload().name(), f.workload().namespace(), null, confidence, cited, action);
  }

  static Diagnosis act(
      Findings f,
      String hypothesis,
      String sha,
      double confidence,
      List<String> cited,
      RecommendedAction action) {
    return new Diagnosis(
        hypothesis, f.workload().name(), f.workload().namespace(), sha, confidence, cited, action);
  }

  static RecommendedAction deploymentAction(
      Findings f, ActionType type, Long revision, String sha, Integer replicas) {
    return new RecommendedAction(
        type.name(),
        f.workload().name(),
        f.workload().namespace(),
        "deployment",
        revision,
        sha,
        replicas,
        Map.of());
  }

  /**
   * A rollback to a revision named honestly: by number and its own SHA, or, when it has no SHA of
   * its own (a config-only revision), by number and pod-template hash.
   */
  static RecommendedAction rollbackTo(Findings f, Revision target) {
    return new RecommendedAction(
        ActionType.ROLLBACK.name(),
        f.workload().name(),
        f.workload().namespace(),
        "deployment",
        target.revision(),
        target.ownsSha() ? target.gitSha() : null,
        null,
        Map.of(),
        target.podTemplateHash());
  }
}
