package io.backstop.diagnosis;

import io.backstop.events.diagnosis.RecommendedAction;
import java.util.List;
import java.util.Objects;

/**
 * A diagnosis as a model (or the offline analyzer) wrote it, already read strictly from its JSON.
 * Nothing in it is checked against the signals here: a hallucinated SHA stays as written.
 */
public record Diagnosis(
    String hypothesis,
    String suspectedResource,
    String suspectedNamespace,
    String suspectedDeploySha,
    double confidence,
    List<String> citedEvidence,
    RecommendedAction action) {

  public Diagnosis {
    Objects.requireNonNull(hypothesis, "hypothesis");
    citedEvidence = List.copyOf(citedEvidence);
    Objects.requireNonNull(action, "action");
  }
}
