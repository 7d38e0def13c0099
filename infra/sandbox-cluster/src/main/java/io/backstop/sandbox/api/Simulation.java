package io.backstop.sandbox.api;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the HTTP layer asks of the simulated cluster behind it. */
public interface Simulation {

  /**
   * The log of a container, oldest line first: its current instance, or with {@code previous} the
   * one before its last restart.
   *
   * @throws ApiException 400 when there is no previous instance
   */
  List<LogLine> logs(Pod pod, String container, boolean previous);

  /** Current usage of a running pod's containers; empty when the pod is not running. */
  Optional<List<ContainerUsage>> usage(Pod pod);

  /** The Prometheus text exposition of every workload signal. */
  String prometheus();

  /** Something was written: the controllers should reconcile now. */
  void changed();

  /** One timestamped log line. */
  record LogLine(Instant at, String text) {}

  /** One container's CPU (cores) and memory working set (bytes). */
  record ContainerUsage(String container, double cpuCores, long memoryBytes) {}
}
