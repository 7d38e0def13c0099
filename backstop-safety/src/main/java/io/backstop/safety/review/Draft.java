package io.backstop.safety.review;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.safety.budget.BudgetSettings;
import io.backstop.safety.budget.IncidentBudget;
import io.backstop.safety.gate.Candidate;
import io.backstop.safety.verdict.GateResult;
import java.util.ArrayList;
import java.util.List;

/** The decision being assembled, gate by gate. */
final class Draft {

  private final DiagnosisProposed diagnosis;
  private final IncidentBudget budget;
  private final BudgetSettings budgets;
  private final List<GateResult> gates = new ArrayList<>();

  Draft(DiagnosisProposed diagnosis, IncidentBudget budget, BudgetSettings budgets) {
    this.diagnosis = diagnosis;
    this.budget = budget;
    this.budgets = budgets;
  }

  void add(GateResult result) {
    gates.add(result);
  }

  GateResult last() {
    return gates.get(gates.size() - 1);
  }

  Decision escalate(EscalationReason reason) {
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
        Summaries.escalation(diagnosis, reason, failures()),
        Summaries.suggestedAction(reason));
  }

  Decision reject(ModelTier next, int reroutesUsed) {
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
        Summaries.rejection(diagnosis, next, failures()),
        "none: the diagnosis is re-asked of the " + next + " tier");
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
        Summaries.approval(diagnosis, candidate.action().orElseThrow()),
        "none: the executor applies the approved action and verifies recovery");
  }

  private int reroutes() {
    return diagnosis == null
        ? budget.reroutes()
        : Math.max(diagnosis.rerouteCount(), budget.reroutes());
  }

  private List<io.backstop.events.action.PolicyVerdict> failures() {
    return gates.stream()
        .flatMap(g -> g.toRecords().stream())
        .filter(v -> v.outcome() != io.backstop.events.action.VerdictOutcome.ALLOW)
        .toList();
  }
}
