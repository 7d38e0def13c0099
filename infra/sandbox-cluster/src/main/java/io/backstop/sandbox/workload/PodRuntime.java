package io.backstop.sandbox.workload;

import io.backstop.sandbox.spec.Health;
import java.time.Instant;

/**
 * What the simulation knows about one pod: where it belongs, what it runs, its limits and request,
 * the working set its application needs at start ({@code baseMemoryBytes}: a share of the memory
 * limit its template was sized with, which a mutated lower limit may not hold), its node, when it
 * was created, and whether it was already running when a fault began ({@code loaded}: it starts
 * from the profile's memory or disk level at start). Everything else (phase, readiness, restarts,
 * memory, disk) is a function of time, see {@link PodTimeline}, so the simulation is deterministic
 * for a given clock.
 */
public record PodRuntime(
    String namespace,
    String name,
    String workload,
    String container,
    String image,
    Health health,
    long memoryLimitBytes,
    long cpuLimitMillis,
    Instant createdAt,
    long baseMemoryBytes,
    long memoryRequestBytes,
    long ephemeralLimitBytes,
    String node,
    boolean loaded) {

  /** The share of its memory limit an application's working set takes at start. */
  public static final double BASE_MEMORY_FRACTION = 0.35;

  public PodRuntime {
    baseMemoryBytes =
        baseMemoryBytes > 0 ? baseMemoryBytes : (long) (memoryLimitBytes * BASE_MEMORY_FRACTION);
  }

  public PodRuntime(
      String namespace,
      String name,
      String workload,
      String container,
      String image,
      Health health,
      long memoryLimitBytes,
      long cpuLimitMillis,
      Instant createdAt) {
    this(
        namespace,
        name,
        workload,
        container,
        image,
        health,
        memoryLimitBytes,
        cpuLimitMillis,
        createdAt,
        0,
        0,
        -1,
        "",
        false);
  }

  public PodRuntime withHealth(Health newHealth) {
    return new PodRuntime(
        namespace,
        name,
        workload,
        container,
        image,
        newHealth,
        memoryLimitBytes,
        cpuLimitMillis,
        createdAt,
        baseMemoryBytes,
        memoryRequestBytes,
        ephemeralLimitBytes,
        node,
        loaded);
  }

  /**
   * The same pod as if its timeline (start, restarts, leak growth) began at {@code start}, having
   * run before it ({@code loaded}) when it was created earlier.
   */
  public PodRuntime withTimelineFrom(Instant start) {
    return new PodRuntime(
        namespace,
        name,
        workload,
        container,
        image,
        health,
        memoryLimitBytes,
        cpuLimitMillis,
        start,
        baseMemoryBytes,
        memoryRequestBytes,
        ephemeralLimitBytes,
        node,
        loaded || createdAt.isBefore(start));
  }
}
