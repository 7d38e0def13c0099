package io.backstop.scenario;

import java.util.Optional;

/** The scripted diagnoses: what an honest model answers, and what a hallucinating one does. */
public record Diagnoses(ScriptedDiagnosis correct, ScriptedDiagnosis hallucinated) {

  public Optional<ScriptedDiagnosis> hallucinatedIfAny() {
    return Optional.ofNullable(hallucinated);
  }
}
