package io.backstop.eval.corpus;

import java.time.Duration;
import java.util.List;

/** A symptom triage recognised on a workload, with the evidence ids that show it. */
public record SymptomSpec(
    String kind, String workload, Duration since, List<String> evidence, String detail) {

  public SymptomSpec {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }
}
