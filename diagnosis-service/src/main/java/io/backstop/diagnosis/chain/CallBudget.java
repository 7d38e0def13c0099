package io.backstop.diagnosis.chain;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-incident cap on model calls and their cost. {@code spentCalls} and {@code spentCost} are
 * what the incident already used before this diagnosis (the rejected proposal's calls on a
 * re-diagnosis). Only calls that reached the network count; the offline analyzer is free.
 */
public record CallBudget(
    int maxCalls, BigDecimal maxCostUsd, int spentCalls, BigDecimal spentCost) {

  public CallBudget {
    Objects.requireNonNull(maxCostUsd, "maxCostUsd");
    spentCost = spentCost == null ? BigDecimal.ZERO : spentCost;
  }

  public static CallBudget of(int maxCalls, BigDecimal maxCostUsd) {
    return new CallBudget(maxCalls, maxCostUsd, 0, BigDecimal.ZERO);
  }

  public CallBudget alreadySpent(int calls, BigDecimal cost) {
    return new CallBudget(maxCalls, maxCostUsd, spentCalls + calls, spentCost.add(cost));
  }

  /** Why no further call may be made, or empty while the budget allows one. */
  public Optional<String> exceededBy(CallLog log) {
    int calls = spentCalls + log.networkCalls();
    if (calls >= maxCalls) {
      return Optional.of("call cap reached: " + calls + " of " + maxCalls + " calls used");
    }
    BigDecimal cost = spentCost.add(log.cost());
    if (cost.compareTo(maxCostUsd) >= 0) {
      return Optional.of(
          "cost cap reached: $" + cost.toPlainString() + " of $" + maxCostUsd.toPlainString());
    }
    return Optional.empty();
  }
}
