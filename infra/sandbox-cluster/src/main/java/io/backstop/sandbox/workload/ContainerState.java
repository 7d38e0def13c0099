package io.backstop.sandbox.workload;

import java.time.Instant;

/**
 * A container at one instant: whether it has started, is ready, how often it restarted, when the
 * current instance started, why the last one ended, its memory working set and whether it is
 * waiting in CrashLoopBackOff.
 */
public record ContainerState(
    boolean started,
    boolean ready,
    int restartCount,
    Instant currentStart,
    Instant previousStart,
    Instant lastTerminatedAt,
    String lastReason,
    int lastExitCode,
    boolean crashLoopBackOff,
    long memoryBytes,
    double cpuCores) {

  /** A signature of what a status update must show; timestamps excluded. */
  public String signature() {
    return started + "|" + ready + "|" + restartCount + "|" + crashLoopBackOff + "|" + lastReason;
  }
}
