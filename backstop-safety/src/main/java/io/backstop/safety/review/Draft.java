package io.backstop.safety.review;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.safety.budget.BudgetSettings;
import io.backstop.safety.budget.IncidentBudget;
import io.backstop.safety.facts.ModelText;
import io.backstop.safety.gate.Candidate;
import io.backstop.safety.verdict.GateResult;
import io.backstop.safety.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/** The decision being assembled, gate by gate. */
final class Draft {

  private final DiagnosisProposed diagnosis;
  private final IncidentBudget budget;
  private final BudgetSettings budgets;
  private final ModelText text;
  private final List<GateResult> gates = new ArrayList<>();

  /** A draft about a diagnosis whose model text was already scanned. */
  Draft(
      DiagnosisProposed diagnosis, ModelText text, IncidentBudget budget, BudgetSettings budgets) {
    this.diagnosis = diagnosis;
    this.text = text;
    this.budget = budget;
    this.budgets = budgets;
  }

  /** A draft about a diagnosis that may be unreadable (null); its text is scanned here. */
  Draft(DiagnosisProposed diagnosis, IncidentBudget budget, BudgetSettings budgets) {
    this(diagnosis, scan(diagnosis), budget, budgets);
  }

  /** The scanned text, or null when it cannot be read (the summary then shows none of it). */
  private static ModelText scan(DiagnosisProposed diagnosis) {
    try {
      return diagnosis == null ? null : ModelText.of(diagnosis);
    } catch (RuntimeException e) {
      return null;
    }
  }

  void add(GateResult result) {
    gates.add(result);
  }

  GateResult last() {
    return gates.get(gates.size() - 1);
  }

  Decision escalate(EscalationReason reason) {
    return escalate(reason, java.util.Optional.empty());
  }

  /** An escalation, with what a human may approve when every hard rule held. */
  Decision escalate(EscalationReason reason, java.util.Optional<HumanApproval> approval) {
    return new Decision(
        Outcome.ESCALATE,
        gates,
        null,
        null,
        reason,
        null,
        reroutes(),
        budgets.rerouteBudget(),
        budget.pointsLeft(budgets),
        Summaries.escalation(diagnosis, text, reason, failures()),
        approval.isPresent()
            ? "Approve or deny the exact write in the console: "
                + Summaries.describe(approval.get().action())
            : Summaries.suggestedAction(reason),
        approval.orElse(null));
  }

  /**
   * The one place the re-route budget is decided: a rejected diagnosis is re-asked of the strong
   * tier while the incident has re-routes left (the most either the proposal or the incident's
   * budget has counted), and escalated once they are spent. Diagnosis obeys the tier it is given.
   */
  Decision rerouteOrEscalate() {
    int used = reroutes();
    if (used < budgets.rerouteBudget()) {
      return reject(ModelTier.STRONG, used);
    }
    return escalate(EscalationReason.QUALITY_GATE_EXHAUSTED);
  }

  private Decision reject(ModelTier next, int reroutesUsed) {
    return new Decision(
        Outcome.REJECT_REROUTE,
        gates,
        null,
        null,
        null,
        next,
        reroutesUsed,
        budgets.rerouteBudget(),
        budget.pointsLeft(budgets),
        Summaries.rejection(diagnosis, text, next, failures()),
        "none: the diagnosis is re-asked of the " + next + " tier",
        null);
  }

  Decision approve(Candidate candidate) {
    return new Decision(
        Outcome.APPROVE,
        gates,
        candidate.action().orElseThrow(),
        candidate.preconditions().orElseThrow(),
        null,
        null,
        reroutes(),
        budgets.rerouteBudget(),
        budget.pointsLeft(budgets),
        Summaries.approval(diagnosis, text, candidate.action().orElseThrow()),
        "none: the executor applies the approved action and verifies recovery",
        null);
  }

  private int reroutes() {
    return diagnosis == null
        ? budget.reroutes()
        : Math.max(diagnosis.rerouteCount(), budget.reroutes());
  }

  private List<io.backstop.events.action.PolicyVerdict> failures() {
    List<io.backstop.events.action.PolicyVerdict> failures = new ArrayList<>();
    for (GateResult gate : gates) {
      for (Verdict verdict : gate.verdicts()) {
        if (!verdict.allows()) {
          failures.add(verdict.toRecord(gate.gate()));
        }
      }
    }
    return List.copyOf(failures);
  }
}
