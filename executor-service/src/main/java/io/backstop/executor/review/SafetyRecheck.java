package io.backstop.executor.review;

import io.backstop.events.ActionApproved;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.executor.check.ActionRecheck;
import io.backstop.executor.check.Recheck;
import io.backstop.safety.gate.ActionGate;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.review.Approvability;
import io.backstop.safety.verdict.GateResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Re-runs exactly the guardrail's action gate ({@link ActionGate#recheck}) on the approved action
 * and the diagnosis embedded in the approval, loaded from the same policy file, with the writes the
 * executor's ledger holds for the incident as prior writes. An approval that names the people who
 * approved it passes when every verdict allows or the only failures are escalations of policies the
 * file marks approvable (what those people approved); a deny never passes. Fails closed: a gate
 * that throws is a denial with the exception named, and without the policy book no escalation is
 * ever accepted.
 */
public final class SafetyRecheck implements ActionRecheck {

  static final String ERROR_POLICY = "executor.recheck-error";

  private final ActionGate gate;
  private final PolicyBook book;

  public SafetyRecheck(ActionGate gate, PolicyBook book) {
    this.gate = gate;
    this.book = book;
  }

  /** A re-check that accepts no escalation, approved or not. */
  public SafetyRecheck(ActionGate gate) {
    this(gate, null);
  }

  @Override
  public Recheck recheck(ActionApproved approved, int priorWrites) {
    try {
      GateResult result = gate.recheck(approved.action(), approved.diagnosis(), priorWrites);
      List<PolicyVerdict> verdicts = result.toRecords();
      String reason =
          result.failures().stream()
              .map(v -> v.policyId() + ": " + v.reason())
              .collect(Collectors.joining("; "));
      boolean allowed =
          result.passed()
              || (approved.humanApproved()
                  && book != null
                  && Approvability.overridable(result, book));
      return new Recheck(allowed, verdicts, allowed ? "" : reason);
    } catch (RuntimeException e) {
      String reason =
          "the re-check failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
      return Recheck.denied(
          reason, List.of(new PolicyVerdict("action", ERROR_POLICY, VerdictOutcome.DENY, reason)));
    }
  }
}
