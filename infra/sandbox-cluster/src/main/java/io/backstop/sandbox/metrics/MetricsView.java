package io.backstop.sandbox.metrics;

import io.backstop.sandbox.workload.DeploymentTraffic;
import java.util.List;

/** Everything the Prometheus exposition prints, read at one instant. */
public record MetricsView(List<DeploymentSeries> deployments, List<PodSeries> pods) {

  /** One deployment's traffic counters and available replicas. */
  public record DeploymentSeries(
      String namespace, String deployment, DeploymentTraffic.Snapshot traffic, int available) {}

  /**
   * One pod's container restarts, memory, memory and CPU limits, CPU seconds, and the reasons it
   * waits ({@code CrashLoopBackOff}) or last terminated ({@code OOMKilled}), null when none.
   */
  public record PodSeries(
      String namespace,
      String deployment,
      String pod,
      String container,
      int restarts,
      long memoryBytes,
      long memoryLimitBytes,
      double cpuLimitCores,
      double cpuSeconds,
      String waitingReason,
      String lastTerminatedReason) {}
}
