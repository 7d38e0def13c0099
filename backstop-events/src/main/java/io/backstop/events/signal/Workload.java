package io.backstop.events.signal;

import io.backstop.events.MetadataKeys;
import io.backstop.events.Require;
import java.util.List;
import java.util.Map;

/**
 * One workload of the inventory triage gathered, with the labels the action gate reads for
 * protection ({@code backstop.io/protected=true}). {@code singleton} is true when more than one
 * replica would break it: annotated {@code backstop.io/singleton=true} or mounting a ReadWriteOnce
 * volume claim (absent in documents of the first contract: false). {@code paused} is true when the
 * Deployment's rollout is paused ({@code spec.paused}, e.g. a canary held by its owner): a template
 * change written to it does not roll out until someone resumes it (absent in older documents:
 * false). {@code gitOps} is the GitOps controller that owns it (Argo CD, Flux), from the metadata
 * it leaves on the object, or null when none does (absent in older documents: null). {@code
 * strategy} is a Deployment's rollout strategy ({@code spec.strategy.type}; Kubernetes defaults it
 * to RollingUpdate), null for other kinds and in older documents: a restart of a {@link
 * DeploymentStrategy#RECREATE} Deployment stops all its pods at once. {@code hold} is a hold its
 * owners declared on it (planned maintenance, a deliberate scale-down), or null when none is
 * (absent in older documents: null). {@code operator} is the operator whose custom resource
 * controls it (its controller ownerReference), which reconciles any write back, or null when none
 * does (absent in older documents: null). {@code claims} are the PersistentVolumeClaims a
 * Deployment's pod template mounts, with their access modes, or null when triage did not record
 * them (other kinds, older documents).
 */
public record Workload(
    WorkloadRef ref,
    int desiredReplicas,
    int readyReplicas,
    Map<String, String> labels,
    Boolean singleton,
    Boolean paused,
    GitOpsOwner gitOps,
    DeploymentStrategy strategy,
    WorkloadHold hold,
    OperatorOwner operator,
    List<VolumeClaim> claims) {

  public Workload {
    Require.present(ref, "ref");
    Require.nonNegative(desiredReplicas, "desiredReplicas");
    Require.nonNegative(readyReplicas, "readyReplicas");
    labels = Require.map(labels);
    singleton = Boolean.TRUE.equals(singleton);
    paused = Boolean.TRUE.equals(paused);
    claims = claims == null ? null : List.copyOf(claims);
  }

  /** A workload no GitOps controller is known to own. */
  public Workload(
      WorkloadRef ref,
      int desiredReplicas,
      int readyReplicas,
      Map<String, String> labels,
      Boolean singleton,
      Boolean paused) {
    this(
        ref,
        desiredReplicas,
        readyReplicas,
        labels,
        singleton,
        paused,
        null,
        null,
        null,
        null,
        null);
  }

  /** A workload whose rollout is not paused. */
  public Workload(
      WorkloadRef ref,
      int desiredReplicas,
      int readyReplicas,
      Map<String, String> labels,
      Boolean singleton) {
    this(
        ref,
        desiredReplicas,
        readyReplicas,
        labels,
        singleton,
        false,
        null,
        null,
        null,
        null,
        null);
  }

  /** A workload not known to be a singleton. */
  public Workload(
      WorkloadRef ref, int desiredReplicas, int readyReplicas, Map<String, String> labels) {
    this(ref, desiredReplicas, readyReplicas, labels, false, false, null, null, null, null, null);
  }

  /** This workload as owned by {@code owner} (null: by no GitOps controller). */
  public Workload withGitOps(GitOpsOwner owner) {
    return new Workload(
        ref,
        desiredReplicas,
        readyReplicas,
        labels,
        singleton,
        paused,
        owner,
        strategy,
        hold,
        operator,
        claims);
  }

  /** This workload with the rollout strategy triage read (null: unknown or not a Deployment). */
  public Workload withStrategy(DeploymentStrategy rollout) {
    return new Workload(
        ref,
        desiredReplicas,
        readyReplicas,
        labels,
        singleton,
        paused,
        gitOps,
        rollout,
        hold,
        operator,
        claims);
  }

  /** This workload under the hold its owners declared (null: none). */
  public Workload withHold(WorkloadHold declared) {
    return new Workload(
        ref,
        desiredReplicas,
        readyReplicas,
        labels,
        singleton,
        paused,
        gitOps,
        strategy,
        declared,
        operator,
        claims);
  }

  /** This workload as controlled by {@code controller}'s custom resource (null: by none). */
  public Workload withOperator(OperatorOwner controller) {
    return new Workload(
        ref,
        desiredReplicas,
        readyReplicas,
        labels,
        singleton,
        paused,
        gitOps,
        strategy,
        hold,
        controller,
        claims);
  }

  /** This workload with the claims its pod template mounts (null: not recorded). */
  public Workload withClaims(List<VolumeClaim> mounted) {
    return new Workload(
        ref,
        desiredReplicas,
        readyReplicas,
        labels,
        singleton,
        paused,
        gitOps,
        strategy,
        hold,
        operator,
        mounted);
  }

  /** True when an operator's custom resource controls this workload. */
  public boolean operatorOwned() {
    return operator != null;
  }

  /** True when its owners declared a hold on this workload. */
  public boolean held() {
    return hold != null;
  }

  /** True when a rollout of this Deployment stops every pod before starting new ones. */
  public boolean recreates() {
    return strategy == DeploymentStrategy.RECREATE;
  }

  /** True when a GitOps controller owns this workload. */
  public boolean gitOpsManaged() {
    return gitOps != null;
  }

  public boolean labelledProtected() {
    return "true".equalsIgnoreCase(labels.getOrDefault(MetadataKeys.PROTECTED, "false"));
  }
}
