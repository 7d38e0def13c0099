package io.backstop.sandbox.workload;

import io.backstop.sandbox.spec.HealthKind;
import java.time.Duration;
import java.time.Instant;

/**
 * The state of a pod's container at a given instant, derived from its health profile: healthy pods
 * start and stay ready; crash-looping ones terminate every crash cycle and wait in
 * CrashLoopBackOff; leaking ones grow to their memory limit and are OOMKilled (exit 137).
 */
public final class PodTimeline {

  private static final double BASE_MEMORY_FRACTION = 0.35;

  private final Timing timing;

  public PodTimeline(Timing timing) {
    this.timing = timing;
  }

  public ContainerState at(PodRuntime pod, Instant now) {
    Instant startedAt = pod.createdAt().plus(timing.podStartup());
    if (now.isBefore(startedAt)) {
      return new ContainerState(false, false, 0, null, null, null, null, 0, false, 0, 0);
    }
    long base = (long) (pod.memoryLimitBytes() * BASE_MEMORY_FRACTION);
    double cpu = pod.cpuLimitMillis() / 1000.0 * pod.health().cpuUtilisation();
    return switch (pod.health().kind()) {
      case CRASH_LOOP -> crashLoop(pod, startedAt, now, base);
      case MEMORY_LEAK -> leak(pod, startedAt, now, base, cpu);
      default -> steady(pod, startedAt, base, cpu);
    };
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
  private ContainerState crashLoop(PodRuntime pod, Instant startedAt, Instant now, long base) {
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
        true,
        false,
        restarts,
        lastCrash,
        lastStart,
        lastCrash,
        pod.health().exitReason(),
        pod.health().exitCode(),
        true,
        base / 2,
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
      default -> pod.health().errorRate();
    };
  }
}
