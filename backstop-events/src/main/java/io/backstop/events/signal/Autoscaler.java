package io.backstop.events.signal;

import io.backstop.events.Require;
import io.backstop.events.id.EvidenceId;

/**
 * A HorizontalPodAutoscaler (autoscaling/v2) and the Deployment it scales: its bounds, the replicas
 * it runs and wants, and whether it is pinned at its maximum. An autoscaled Deployment's replicas
 * belong to the HPA: a count written by anyone else is put back at its next sync (every 15 s by
 * default), and a count beyond {@code maxReplicas} is never kept.
 *
 * <p>{@code atMax}: the HPA runs {@code maxReplicas} and wants more (its {@code ScalingLimited}
 * condition is true because the desired count is above the maximum, or a metric it scales on is
 * above its target). {@code detail} says why, in the cluster's words and the metric against its
 * target; {@code evidence} is the item that shows it.
 */
public record Autoscaler(
    String name,
    WorkloadRef workload,
    int minReplicas,
    int maxReplicas,
    int currentReplicas,
    int desiredReplicas,
    boolean scalingLimited,
    boolean atMax,
    String detail,
    EvidenceId evidence) {

  public Autoscaler {
    Require.text(name, "autoscaler.name");
    Require.present(workload, "autoscaler.workload");
    Require.nonNegative(minReplicas, "autoscaler.minReplicas");
    Require.nonNegative(maxReplicas, "autoscaler.maxReplicas");
    Require.nonNegative(currentReplicas, "autoscaler.currentReplicas");
    Require.nonNegative(desiredReplicas, "autoscaler.desiredReplicas");
    detail = detail == null ? "" : detail;
  }

  /** {@code horizontalpodautoscaler/<name>}, as an evidence subject names it. */
  public String subject() {
    return "horizontalpodautoscaler/" + name;
  }
}
