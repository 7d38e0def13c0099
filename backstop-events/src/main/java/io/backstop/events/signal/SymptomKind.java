package io.backstop.events.signal;

import io.backstop.events.diagnosis.ActionType;
import java.util.EnumSet;
import java.util.Set;

/**
 * What triage recognised in the signals, and which write actions each symptom admits: a symptom
 * that admits an action is one that action can fix, given the rest of the evidence agrees (the
 * action gate decides that). A symptom that admits nothing calls for a human. This enum is the one
 * place that says which action fits which symptom.
 */
public enum SymptomKind {
  /** Pods of the current revision crash-loop. */
  CRASH_LOOP(ActionType.ROLLBACK),
  /** The error signal jumped against the workload's own baseline. */
  ERROR_RATE(ActionType.ROLLBACK),
  /** Containers were OOM-killed at their own memory limit (not by node pressure). */
  OOM_KILLED(ActionType.RESTART, ActionType.ROLLBACK),
  /** Memory grows towards the limit: a leak. */
  MEMORY_GROWTH(ActionType.RESTART, ActionType.ROLLBACK),
  /**
   * Pods are running but stuck: ready but not serving (a wedged pool, which a restart clears), or
   * never ready since their revision rolled out (a bad deploy, which a rollback undoes).
   */
  WEDGED_PODS(ActionType.RESTART, ActionType.ROLLBACK),
  /** CPU near its limit with latency up and no crash loop: more replicas help. */
  SATURATION(ActionType.SCALE),
  LATENCY(ActionType.ROLLBACK, ActionType.SCALE),
  IMAGE_PULL_FAILURE(ActionType.ROLLBACK),
  /** Authentication fails and nothing changed: a revoked or broken credential needs a human. */
  CREDENTIAL_FAILURE,
  /**
   * Authentication fails in pods that started before the Secret they reference changed: they hold
   * the old value, and a restart re-reads the new one.
   */
  STALE_CREDENTIAL(ActionType.RESTART),
  /** A Secret or ConfigMap the pods reference changed after they started. */
  CONFIG_CHANGED(ActionType.RESTART),
  /** Pods were OOM-killed or evicted because their node ran out of memory: a victim. */
  NODE_MEMORY_PRESSURE,
  /** Ephemeral storage (emptyDir, writable layer, logs) filled up; pods evicted for it. */
  EPHEMERAL_STORAGE(ActionType.RESTART, ActionType.ROLLBACK),
  /** Desired replicas were changed recently by a write that was not Backstop's. */
  SCALED_EXTERNALLY(ActionType.SCALE),
  /** More than one replica of a singleton or of a ReadWriteOnce volume's user (Multi-Attach). */
  VOLUME_CONFLICT(ActionType.SCALE),
  /** Running pods differ from their template (mutating webhook, LimitRange): not a rollback. */
  TEMPLATE_DRIFT,
  /** The workload's errors come from a dependency that is failing: a victim. */
  DEPENDENCY_FAILURE,
  /** A certificate the workload serves or trusts expired or is about to. */
  CERTIFICATE_EXPIRY,
  /** Name resolution fails. */
  DNS_FAILURE,
  /**
   * A Secret or ConfigMap the pods reference does not exist (CreateContainerConfigError, "not
   * found"): new pods cannot start until someone restores it, so a restart or scale only replaces
   * serving pods with ones that cannot start. When a release brought the reference (its revision
   * names an object that was never created), a rollback returns the previous revision's pods, which
   * do not read it; the rollback policies decide, and a target revision that references a missing
   * object is refused (action.rollback-target-config-present).
   */
  CONFIG_MISSING(ActionType.ROLLBACK),
  /**
   * Desired pods cannot be created or scheduled (a spent ResourceQuota, no node that fits, a node
   * group at its maximum): more replicas would only queue behind the ones already refused. When a
   * release brought the pods that cannot be placed (a new affinity rule, a larger request), a
   * rollback returns the previous revision's pods, which were placed; the rollback policies decide
   * whether the release is the cause (its onset, its health, a revision that ran healthy).
   */
  REPLICAS_BLOCKED(ActionType.ROLLBACK),
  /**
   * The workload's HorizontalPodAutoscaler runs its maximum replicas and wants more
   * (ScalingLimited, or its metric above target at the maximum): the HPA owns the replica count and
   * puts back any other, so only the owners can help, by raising its maximum or the capacity behind
   * it.
   */
  AUTOSCALER_AT_MAX,
  /**
   * The pods' calls to the Kubernetes API are refused (403: {@code is forbidden: User
   * "system:serviceaccount:..." cannot ...}): a Role or RoleBinding (a chart's RBAC, outside the
   * Deployment) no longer grants what the workload needs. A rollback, restart or scale brings pods
   * under the same service account that get the same refusal; the owners fix the RBAC.
   */
  API_FORBIDDEN;

  private final Set<ActionType> admits;

  SymptomKind(ActionType... admits) {
    this.admits =
        admits.length == 0 ? EnumSet.noneOf(ActionType.class) : EnumSet.of(admits[0], admits);
  }

  /** The write actions this symptom admits; empty when only a human can fix it. */
  public Set<ActionType> admits() {
    return Set.copyOf(admits);
  }

  public boolean admits(ActionType action) {
    return admits.contains(action);
  }
}
