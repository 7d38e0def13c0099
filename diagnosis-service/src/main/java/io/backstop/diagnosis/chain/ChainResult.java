package io.backstop.diagnosis.chain;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.events.diagnosis.ModelCall;
import io.backstop.events.diagnosis.ModelTier;
import java.util.List;

/** Who answered, on which tier, what they said, and every call it took. */
public record ChainResult(
    Diagnosis diagnosis, String answeredBy, ModelTier tier, List<ModelCall> calls) {

  public ChainResult {
    calls = List.copyOf(calls);
  }
}
