package io.backstop.sandbox.spec;

import java.time.Duration;

/**
 * The fault: the deployment whose last revision is the bad one, and when it rolls out. With no
 * delay the bad revision is already current when the sandbox starts; with a delay the revision
 * before it is current and the bad one rolls out (through the simulated controller) after it.
 */
public record FaultSpec(String namespace, String deployment, Duration after) {

  public FaultSpec {
    after = after == null || after.isNegative() ? Duration.ZERO : after;
  }

  public boolean isDeferred() {
    return !after.isZero();
  }

  public boolean targets(String ns, String name) {
    return namespace.equals(ns) && deployment.equals(name);
  }
}
