package io.backstop.diagnosis;

import io.backstop.events.SignalsGathered;
import io.backstop.events.action.PolicyVerdict;
import java.util.List;
import java.util.Objects;

/**
 * What one diagnosis is asked from: the gathered signals and, on a re-diagnosis, the checks the
 * previous proposal failed and that proposal itself.
 */
public record DiagnosisRequest(
    SignalsGathered signals, List<PolicyVerdict> rejectionReasons, Diagnosis previous) {

  public DiagnosisRequest {
    Objects.requireNonNull(signals, "signals");
    rejectionReasons = List.copyOf(rejectionReasons);
  }

  public static DiagnosisRequest first(SignalsGathered signals) {
    return new DiagnosisRequest(signals, List.of(), null);
  }

  public boolean isRediagnosis() {
    return !rejectionReasons.isEmpty();
  }
}
