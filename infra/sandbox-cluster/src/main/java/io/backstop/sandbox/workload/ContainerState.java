package io.backstop.sandbox.workload;

import java.time.Instant;

/**
 * A container at one instant: whether it has started, is ready, how often it restarted, when the
 * current instance started, why the last one ended, its memory working set, the ephemeral storage
 * it has written, and whether it is waiting in CrashLoopBackOff.
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
    double cpuCores,
    long diskBytes) {

  public ContainerState(
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
    this(
        started,
        ready,
        restartCount,
        currentStart,
        previousStart,
        lastTerminatedAt,
        lastReason,
        lastExitCode,
        crashLoopBackOff,
        memoryBytes,
        cpuCores,
        0);
  }

  /** A signature of what a status update must show; timestamps excluded. */
  public String signature() {
    return started + "|" + ready + "|" + restartCount + "|" + crashLoopBackOff + "|" + lastReason;
  }
}
