package io.backstop.sandbox.spec;

import java.time.Duration;

/**
 * The fault. A rollout fault ({@code condition == null}) is the target deployment's last revision:
 * with no delay it is already current when the sandbox starts; with a delay the revision before it
 * is current and the bad one rolls out (through the simulated controller) after it. A condition
 * fault makes the deployment's pods behave as {@code condition} from {@code after} on, whatever
 * image they run (a leak, a load surge, a revoked credential).
 */
public record FaultSpec(String namespace, String deployment, Duration after, Health condition) {

  public FaultSpec {
    after = after == null || after.isNegative() ? Duration.ZERO : after;
  }

  public static FaultSpec rollout(String namespace, String deployment, Duration after) {
    return new FaultSpec(namespace, deployment, after, null);
  }

  public static FaultSpec condition(
      String namespace, String deployment, Duration after, Health condition) {
    return new FaultSpec(namespace, deployment, after, condition);
  }

  public boolean isCondition() {
    return condition != null;
  }

  /** A rollout fault that happens after the start. */
  public boolean isDeferred() {
    return !isCondition() && !after.isZero();
  }

  public boolean targets(String ns, String name) {
    return namespace.equals(ns) && deployment.equals(name);
  }
}
