package io.backstop.sandbox.workload;

import io.backstop.sandbox.spec.HealthKind;
import java.time.Duration;
import java.time.Instant;

/**
 * The state of a pod's container at a given instant, derived from its health profile: healthy pods
 * start and stay ready; crash-looping ones terminate every crash cycle and wait in
 * CrashLoopBackOff; leaking ones grow to their memory limit and are OOMKilled (exit 137), the first
 * instance of a pod that was already running when the leak began from the profile's level at start;
 * pods whose limit cannot hold the working set their application needs at start (a limit a mutating
 * policy rewrote) are OOMKilled on every start; disk-filling ones write ephemeral storage (the
 * kubelet's eviction at the limit is {@link WorkloadSimulator}'s).
 */
public final class PodTimeline {

  /** The share of the ephemeral-storage limit past which a disk-filling pod's writes fail. */
  public static final double DISK_FULL_SHARE = 0.9;

  private final Timing timing;

  public PodTimeline(Timing timing) {
    this.timing = timing;
  }

  public ContainerState at(PodRuntime pod, Instant now) {
    Instant startedAt = pod.createdAt().plus(timing.podStartup());
    if (now.isBefore(startedAt)) {
      return new ContainerState(false, false, 0, null, null, null, null, 0, false, 0, 0);
    }
    long base = pod.baseMemoryBytes();
    double cpu = pod.cpuLimitMillis() / 1000.0 * pod.health().cpuUtilisation();
    if (base >= pod.memoryLimitBytes()) {
      return crashLoop(pod, startedAt, now, pod.memoryLimitBytes() * 2, "OOMKilled", 137);
    }
    return switch (pod.health().kind()) {
      case CRASH_LOOP ->
          crashLoop(pod, startedAt, now, base, pod.health().exitReason(), pod.health().exitCode());
      case MEMORY_LEAK -> leak(pod, startedAt, now, base, cpu);
      case DISK_FILL -> disk(pod, startedAt, now, base, cpu);
      default -> steady(pod, startedAt, base, cpu);
    };
  }

  /** Ephemeral storage written since the container started, from the level at start if loaded. */
  private ContainerState disk(
      PodRuntime pod, Instant startedAt, Instant now, long base, double cpu) {
    double bytesPerMs = pod.health().diskGrowthBytesPerMinute() * timing.leakSpeedup() / 60_000.0;
    long from = pod.loaded() ? pod.health().diskAtStartBytes() : 0;
    long written = from + (long) (Duration.between(startedAt, now).toMillis() * bytesPerMs);
    return new ContainerState(
        true, true, 0, startedAt, null, null, null, 0, false, base, cpu, written);
  }

  private ContainerState steady(PodRuntime pod, Instant startedAt, long base, double cpu) {
    boolean ready = pod.health().kind() != HealthKind.CRASH_LOOP;
    return new ContainerState(true, ready, 0, startedAt, null, null, null, 0, false, base, cpu);
  }

  /**
   * Crash loop with the kubelet's back-off: each run lasts half a crash cycle, then the container
   * waits 1, 2, 4... crash cycles (capped at 30) before the next run, as the real back-off goes 10
   * s, 20 s, 40s... up to 5 minutes.
   */
  private ContainerState crashLoop(
      PodRuntime pod, Instant startedAt, Instant now, long base, String reason, int exitCode) {
    long cycle = timing.crashCycle().toMillis();
    long run = Math.max(1, cycle / 2);
    long elapsed = Duration.between(startedAt, now).toMillis();
    long runStart = 0;
    int restarts = 0;
    long backoff = cycle;
    while (runStart + run <= elapsed) {
      restarts++;
      long next = runStart + run + backoff;
      if (next > elapsed) {
        break;
      }
      runStart = next;
      backoff = Math.min(backoff * 2, cycle * 30);
    }
    if (restarts == 0) {
      return new ContainerState(
          true, false, 0, startedAt, null, null, null, 0, false, base / 2, 0.0);
    }
    Instant lastStart = startedAt.plusMillis(runStart);
    Instant lastCrash = lastStart.plusMillis(run);
    return new ContainerState(
        true, false, restarts, lastCrash, lastStart, lastCrash, reason, exitCode, true, base / 2,
        0.0);
  }

  private ContainerState leak(
      PodRuntime pod, Instant startedAt, Instant now, long base, double cpu) {
    double bytesPerMs = pod.health().memoryGrowthBytesPerMinute() * timing.leakSpeedup() / 60_000.0;
    if (bytesPerMs <= 0) {
      return steady(pod, startedAt, base, cpu);
    }
    long toOom = Math.max(1, (long) ((pod.memoryLimitBytes() - base) / bytesPerMs));
    long elapsed = Duration.between(startedAt, now).toMillis();
    long atStart = pod.health().memoryAtStartBytes();
    if (pod.loaded() && atStart > base && atStart < pod.memoryLimitBytes()) {
      long toFirstOom = Math.max(1, (long) ((pod.memoryLimitBytes() - atStart) / bytesPerMs));
      if (elapsed < toFirstOom) {
        long memory = atStart + (long) (elapsed * bytesPerMs);
        return new ContainerState(
            true, true, 0, startedAt, null, null, null, 0, false, memory, cpu);
      }
      Instant firstOom = startedAt.plusMillis(toFirstOom);
      ContainerState later = leak(pod, firstOom, now, base, cpu, toOom);
      return new ContainerState(
          true,
          true,
          later.restartCount() + 1,
          later.currentStart(),
          later.previousStart() == null ? startedAt : later.previousStart(),
          later.lastTerminatedAt() == null ? firstOom : later.lastTerminatedAt(),
          "OOMKilled",
          137,
          false,
          later.memoryBytes(),
          cpu);
    }
    return leak(pod, startedAt, now, base, cpu, toOom);
  }

  /** A leak whose every instance starts at the base and is OOMKilled after {@code toOom} ms. */
  private ContainerState leak(
      PodRuntime pod, Instant startedAt, Instant now, long base, double cpu, long toOom) {
    double bytesPerMs = pod.health().memoryGrowthBytesPerMinute() * timing.leakSpeedup() / 60_000.0;
    long elapsed = Duration.between(startedAt, now).toMillis();
    int restarts = (int) Math.min(Integer.MAX_VALUE, elapsed / toOom);
    Instant currentStart = startedAt.plusMillis(restarts * toOom);
    long memory = base + (long) (Duration.between(currentStart, now).toMillis() * bytesPerMs);
    return new ContainerState(
        true,
        true,
        restarts,
        currentStart,
        restarts == 0 ? null : currentStart.minusMillis(toOom),
        restarts == 0 ? null : currentStart,
        restarts == 0 ? null : "OOMKilled",
        restarts == 0 ? 0 : 137,
        false,
        Math.min(memory, pod.memoryLimitBytes()),
        cpu);
  }

  /** The share of requests a ready pod of this profile fails. */
  public static double errorRatio(PodRuntime pod) {
    return switch (pod.health().kind()) {
      case HEALTHY -> 0.001;
      case MEMORY_LEAK -> Math.max(pod.health().errorRate(), 0.005);
      case DISK_FILL -> 0.001;
      default -> pod.health().errorRate();
    };
  }

  /** The share of requests a ready pod fails in the given state: a full disk fails its writes. */
  public static double errorRatio(PodRuntime pod, ContainerState state) {
    if (pod.health().kind() == HealthKind.DISK_FILL
        && pod.ephemeralLimitBytes() > 0
        && state.diskBytes() >= pod.ephemeralLimitBytes() * DISK_FULL_SHARE) {
      return pod.health().errorRate();
    }
    return errorRatio(pod);
  }
}
