package io.backstop.sandbox.spec;

import java.time.Duration;

/**
 * The fault, from {@code after} on:
 *
 * <ul>
 *   <li>{@link Kind#ROLLOUT}: the target deployment's last revision. With no delay it is already
 *       current when the sandbox starts; with a delay the revision before it is current and the bad
 *       one rolls out (through the simulated controller) after it.
 *   <li>{@link Kind#CONDITION}: the deployment's pods behave as {@code condition}, whatever image
 *       they run (a leak, a load surge, a revoked credential).
 *   <li>{@link Kind#SCALE}: a writer other than Backstop (field manager {@code by}) sets the
 *       deployment's replicas to {@code replicas}.
 *   <li>{@link Kind#ROTATION}: the Secret {@code secret} is rewritten by {@code by}; the pods that
 *       started before hold the old value and behave as {@code condition}, later ones are healthy.
 *   <li>{@link Kind#NODE_PRESSURE}: the deployment's pods behave as {@code condition} (a leak) on
 *       its node, whose memory then runs low; the kubelet evicts the pods there that use more than
 *       they requested.
 *   <li>{@link Kind#ADMISSION}: the namespace's mutating policy rewrites the deployment's pods as
 *       they are created (the policy is in the namespace's spec; the fault only names it).
 * </ul>
 */
public record FaultSpec(
    Kind kind,
    String namespace,
    String deployment,
    Duration after,
    Health condition,
    int replicas,
    String by,
    String secret) {

  /** The ways a fault happens. */
  public enum Kind {
    ROLLOUT,
    CONDITION,
    SCALE,
    ROTATION,
    NODE_PRESSURE,
    ADMISSION
  }

  public FaultSpec {
    after = after == null || after.isNegative() ? Duration.ZERO : after;
    by = by == null || by.isBlank() ? "kubectl" : by;
    boolean needsCondition =
        kind == Kind.CONDITION || kind == Kind.ROTATION || kind == Kind.NODE_PRESSURE;
    if (needsCondition && condition == null) {
      throw new IllegalArgumentException("a " + kind + " fault needs a health profile");
    }
    if (kind == Kind.ROTATION && (secret == null || secret.isBlank())) {
      throw new IllegalArgumentException("a rotation fault names the secret it rotates");
    }
    if (kind == Kind.SCALE && replicas < 0) {
      throw new IllegalArgumentException("replicas must be >= 0, but was " + replicas);
    }
  }

  public static FaultSpec rollout(String namespace, String deployment, Duration after) {
    return new FaultSpec(Kind.ROLLOUT, namespace, deployment, after, null, 0, null, null);
  }

  public static FaultSpec condition(
      String namespace, String deployment, Duration after, Health condition) {
    return new FaultSpec(Kind.CONDITION, namespace, deployment, after, condition, 0, null, null);
  }

  /** Whether the deployment's pods behave by the fault's profile rather than their image's. */
  public boolean isCondition() {
    return kind == Kind.CONDITION || kind == Kind.NODE_PRESSURE;
  }

  /** A rollout fault that happens after the start. */
  public boolean isDeferred() {
    return kind == Kind.ROLLOUT && !after.isZero();
  }

  public boolean targets(String ns, String name) {
    return namespace.equals(ns) && deployment.equals(name);
  }
}
