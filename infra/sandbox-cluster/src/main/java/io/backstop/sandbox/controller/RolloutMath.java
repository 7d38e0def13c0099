package io.backstop.sandbox.controller;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;

/**
 * How far a rolling update may go: {@code maxSurge} and {@code maxUnavailable} resolved against the
 * desired replicas (surge rounds up, unavailable rounds down, as the real controller does; both
 * zero means one may be unavailable).
 */
record RolloutMath(int maxSurge, int maxUnavailable) {

  static RolloutMath of(DeploymentStrategy strategy, int desired) {
    IntOrString surge = null;
    IntOrString unavailable = null;
    if (strategy != null && strategy.getRollingUpdate() != null) {
      surge = strategy.getRollingUpdate().getMaxSurge();
      unavailable = strategy.getRollingUpdate().getMaxUnavailable();
    }
    int s = resolve(surge, desired, true);
    int u = resolve(unavailable, desired, false);
    if (s == 0 && u == 0) {
      u = 1;
    }
    return new RolloutMath(s, u);
  }

  static boolean recreate(DeploymentStrategy strategy) {
    return strategy != null && "Recreate".equals(strategy.getType());
  }

  private static int resolve(IntOrString value, int desired, boolean roundUp) {
    if (value == null) {
      value = new IntOrString("25%");
    }
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String text = value.getStrVal().trim();
    if (text.endsWith("%")) {
      double fraction = Double.parseDouble(text.substring(0, text.length() - 1)) / 100.0;
      double amount = fraction * desired;
      return (int) (roundUp ? Math.ceil(amount) : Math.floor(amount));
    }
    return Integer.parseInt(text);
  }
}
