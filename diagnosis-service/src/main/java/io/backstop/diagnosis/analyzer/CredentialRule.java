package io.backstop.diagnosis.analyzer;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.events.signal.SymptomKind;
import java.util.Optional;

/** A credential failure is fixed by rotating the credential, which only a human can do. */
final class CredentialRule implements Rule {

  @Override
  public Optional<Diagnosis> apply(Findings f) {
    if (!f.has(SymptomKind.CREDENTIAL_FAILURE)) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnoses.escalate(
            f,
            f.workload().name()
                + " fails to authenticate to a dependency (credential rejected or revoked); no"
                + " rollback, restart or scale restores a credential, a human must rotate it",
            Calibration.ESCALATE_CREDENTIAL,
            f.cite(f.of(SymptomKind.CREDENTIAL_FAILURE, SymptomKind.ERROR_RATE))));
  }
}
