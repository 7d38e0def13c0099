package io.backstop.events;

import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.diagnosis.ModelTier;
import java.util.List;

/**
 * The guardrail's quality gate rejected a diagnosis: the failed checks, the tier to ask next, and
 * how much of the re-route budget is used. Carries the rejected proposal so the re-diagnosis sees
 * the same signals and the reasons.
 */
public record DiagnosisRejected(
    EventHeader header,
    List<PolicyVerdict> failures,
    ModelTier nextTier,
    int reroutesUsed,
    int rerouteBudget,
    DiagnosisProposed rejected)
    implements IncidentEvent {

  public DiagnosisRejected {
    Require.present(header, "header");
    failures = Require.list(failures);
    if (failures.isEmpty()) {
      throw new Require.InvalidFieldException("failures", "a rejection must name a failed check");
    }
    Require.present(nextTier, "nextTier");
    Require.nonNegative(reroutesUsed, "reroutesUsed");
    Require.nonNegative(rerouteBudget, "rerouteBudget");
    Require.present(rejected, "rejected");
  }

  @Override
  public DiagnosisRejected withHeader(EventHeader newHeader) {
    return new DiagnosisRejected(
        newHeader, failures, nextTier, reroutesUsed, rerouteBudget, rejected);
  }
}
