package io.backstop.safety.budget;

/**
 * What the per-incident budget allows and what each anomaly costs. Safety rationale: every limit is
 * positive and every cost at least one point, so no anomaly is free and no incident runs forever.
 *
 * @param rerouteBudget how many times a rejected diagnosis may be re-routed before a human is asked
 * @param points the anomaly points an incident may spend before it escalates
 * @param maxSteps the loop budget: guardrail decisions and outcomes per incident
 */
public record BudgetSettings(
    int rerouteBudget,
    int points,
    int maxSteps,
    int rerouteCost,
    int guardrailHitCost,
    int blockedActionCost,
    int failedVerificationCost) {

  public BudgetSettings {
    atLeast(rerouteBudget, 0, "rerouteBudget");
    atLeast(points, 1, "points");
    atLeast(maxSteps, 1, "maxSteps");
    atLeast(rerouteCost, 1, "rerouteCost");
    atLeast(guardrailHitCost, 1, "guardrailHitCost");
    atLeast(blockedActionCost, 1, "blockedActionCost");
    atLeast(failedVerificationCost, 1, "failedVerificationCost");
  }

  private static void atLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(
          "budget." + name + " must be at least " + min + ", but was " + value);
    }
  }
}
