package io.backstop.events.signal;

/**
 * How a Deployment replaces its pods when its template changes ({@code spec.strategy.type}). A
 * {@link #RECREATE} Deployment stops every old pod before it starts any new one, so every rollout
 * of it, a restart or a rollback alike, is a full outage for as long as the new pods take to become
 * ready; owners choose it when two versions must never run side by side (a cache or file format, a
 * singleton lock).
 */
public enum DeploymentStrategy {
  /** The default: new pods come up while old ones still serve, within maxUnavailable/maxSurge. */
  ROLLING_UPDATE,
  /** Every old pod is terminated before the new ones are created. */
  RECREATE;

  /** The value Kubernetes spells in {@code spec.strategy.type}. */
  public String kubernetesName() {
    return this == RECREATE ? "Recreate" : "RollingUpdate";
  }
}
