package io.backstop.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * What goes wrong and when, from {@code after} on:
 *
 * <ul>
 *   <li>{@link Kind#ROLLOUT}: the target deployment's last revision is the faulty one; it becomes
 *       current {@code after} the start (at once when zero: the bad revision is already current).
 *   <li>{@link Kind#CONDITION}: the deployment behaves as {@code profile}, whatever image it runs
 *       (a leak, a load surge, a revoked credential).
 *   <li>{@link Kind#SCALE}: someone other than Backstop writes {@code replicas} to the deployment,
 *       with the field manager {@code by} (a mistaken {@code kubectl scale --replicas=0}).
 *   <li>{@link Kind#ROTATION}: the Secret {@code secret} is rewritten (by the field manager {@code
 *       by}); the deployment's pods that started before hold the old value and behave as {@code
 *       profile} (an auth failure), pods started after it are healthy.
 *   <li>{@link Kind#NODE_PRESSURE}: the deployment (a neighbour, not the alerted one) behaves as
 *       {@code profile} (a leak) on its node; when the node's memory runs low the kubelet evicts
 *       the pods there that use more than they requested, which are the other workloads'.
 *   <li>{@link Kind#ADMISSION}: the namespace's mutating policy for the deployment (under {@code
 *       mutations}) rewrites its pods as they are created: the fault is the cluster's admission,
 *       not a deploy.
 * </ul>
 */
public record Fault(
    Kind kind,
    String namespace,
    String deployment,
    Duration after,
    HealthProfile profile,
    String summary,
    Integer replicas,
    String by,
    String secret) {

  public Fault {
    after = after == null ? Duration.ZERO : after;
  }

  public Fault(
      Kind kind,
      String namespace,
      String deployment,
      Duration after,
      HealthProfile profile,
      String summary) {
    this(kind, namespace, deployment, after, profile, summary, null, null, null);
  }

  /** Whether the faulty state is already in place when the scenario starts. */
  public boolean presentAtStart() {
    return after.isZero();
  }

  /** The ways a fault happens. */
  public enum Kind {
    @JsonProperty("rollout")
    ROLLOUT,
    @JsonProperty("condition")
    CONDITION,
    @JsonProperty("scale")
    SCALE,
    @JsonProperty("rotation")
    ROTATION,
    @JsonProperty("node-pressure")
    NODE_PRESSURE,
    @JsonProperty("admission")
    ADMISSION
  }
}
