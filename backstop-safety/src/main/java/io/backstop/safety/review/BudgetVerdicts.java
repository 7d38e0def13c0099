package io.backstop.safety.review;

import io.backstop.safety.budget.BudgetSettings;
import io.backstop.safety.budget.IncidentBudget;
import io.backstop.safety.verdict.Gate;
import io.backstop.safety.verdict.GateResult;
import io.backstop.safety.verdict.Verdict;
import java.util.List;

/** The budget gate: the anomaly points and the loop budget of the incident. */
final class BudgetVerdicts {

  static final String ANOMALY = "budget.anomaly-points";
  static final String LOOP = "budget.loop-steps";

  private BudgetVerdicts() {}

  static GateResult of(IncidentBudget budget, BudgetSettings settings) {
    Verdict points =
        budget.pointsSpent() < settings.points()
            ? Verdict.allow(ANOMALY, budget.pointsLeft(settings) + " anomaly points left")
            : Verdict.escalate(
                ANOMALY,
                "anomaly budget spent: "
                    + budget.pointsSpent()
                    + " of "
                    + settings.points()
                    + " points ("
                    + budget.reroutes()
                    + " re-routes, "
                    + budget.blockedActions()
                    + " blocked actions, "
                    + budget.failedVerifications()
                    + " failed verifications)");
    Verdict steps =
        budget.steps() < settings.maxSteps()
            ? Verdict.allow(LOOP, budget.steps() + " of " + settings.maxSteps() + " steps used")
            : Verdict.escalate(
                LOOP,
                "loop budget spent: " + budget.steps() + " of " + settings.maxSteps() + " steps");
    return new GateResult(Gate.BUDGET, List.of(points, steps));
  }
}
