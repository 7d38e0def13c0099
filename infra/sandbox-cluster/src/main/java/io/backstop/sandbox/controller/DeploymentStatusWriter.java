package io.backstop.sandbox.controller;

import io.backstop.sandbox.store.ClusterStore;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Writes a Deployment's status as {@code kubectl rollout status} reads it: observedGeneration,
 * replica counts, and the Available and Progressing conditions (including ProgressDeadlineExceeded
 * when a rollout stalls past {@code progressDeadlineSeconds}).
 */
final class DeploymentStatusWriter {

  private final ClusterStore store;
  private final TemplateHash hashes;

  DeploymentStatusWriter(ClusterStore store, TemplateHash hashes) {
    this.store = store;
    this.hashes = hashes;
  }

  void write(
      Deployment d,
      List<ReplicaSet> owned,
      ToIntFunction<ReplicaSet> podCount,
      ToIntFunction<ReplicaSet> readyPods,
      Instant now) {
    String hash = hashes.of(d.getSpec().getTemplate());
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    ReplicaSet newRs =
        owned.stream()
            .filter(rs -> hash.equals(Revisions.label(rs, Annotations.POD_TEMPLATE_HASH)))
            .findFirst()
            .orElse(null);
    int replicas = owned.stream().mapToInt(podCount).sum();
    int updated = newRs == null ? 0 : podCount.applyAsInt(newRs);
    int ready = owned.stream().mapToInt(readyPods).sum();
    boolean complete = updated == desired && replicas == desired && ready == desired;
    int maxUnavailable = RolloutMath.of(d.getSpec().getStrategy(), desired).maxUnavailable();
    DeploymentStatus previous = d.getStatus();
    DeploymentStatus status =
        new DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(updated)
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .withUnavailableReplicas(Math.max(0, Math.max(desired, replicas) - ready))
            .withConditions(
                available(previous, ready >= desired - maxUnavailable, now),
                progressing(d, previous, newRs, complete, now))
            .build();
    if (!status.equals(previous)) {
      d.setStatus(status);
      store.replace(d);
    }
  }

  private static DeploymentCondition available(DeploymentStatus previous, boolean ok, Instant now) {
    return condition(
        previous,
        "Available",
        ok,
        ok ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
        ok
            ? "Deployment has minimum availability."
            : "Deployment does not have minimum availability.",
        now);
  }

  private static DeploymentCondition progressing(
      Deployment d, DeploymentStatus previous, ReplicaSet newRs, boolean complete, Instant now) {
    String rsName = newRs == null ? d.getMetadata().getName() : newRs.getMetadata().getName();
    if (complete) {
      return condition(
          previous,
          "Progressing",
          true,
          "NewReplicaSetAvailable",
          "ReplicaSet \"" + rsName + "\" has successfully progressed.",
          now);
    }
    DeploymentCondition was = find(previous, "Progressing");
    int deadline =
        d.getSpec().getProgressDeadlineSeconds() == null
            ? 600
            : d.getSpec().getProgressDeadlineSeconds();
    if (was != null
        && "ReplicaSetUpdated".equals(was.getReason())
        && Duration.between(Instant.parse(was.getLastTransitionTime()), now).getSeconds()
            > deadline) {
      return condition(
          previous,
          "Progressing",
          false,
          "ProgressDeadlineExceeded",
          "ReplicaSet \"" + rsName + "\" has timed out progressing.",
          now);
    }
    if (was != null && "ProgressDeadlineExceeded".equals(was.getReason())) {
      return was;
    }
    return condition(
        previous,
        "Progressing",
        true,
        "ReplicaSetUpdated",
        "ReplicaSet \"" + rsName + "\" is progressing.",
        now);
  }

  private static DeploymentCondition condition(
      DeploymentStatus previous,
      String type,
      boolean ok,
      String reason,
      String message,
      Instant now) {
    DeploymentCondition was = find(previous, type);
    boolean same = was != null && reason.equals(was.getReason());
    String since = same ? was.getLastTransitionTime() : now.toString();
    return new DeploymentConditionBuilder()
        .withType(type)
        .withStatus(ok ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(since)
        .withLastUpdateTime(since)
        .build();
  }

  private static DeploymentCondition find(DeploymentStatus status, String type) {
    if (status == null || status.getConditions() == null) {
      return null;
    }
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }
}
