package io.backstop.sandbox.workload;

import io.backstop.sandbox.spec.Health;
import java.time.Instant;

/**
 * What the simulation knows about one pod: where it belongs, what it runs, its limits and when it
 * was created. Everything else (phase, readiness, restarts, memory) is a function of time, see
 * {@link PodTimeline}, so the simulation is deterministic for a given clock.
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
    Instant createdAt) {

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
        createdAt);
  }

  /** The same pod as if its timeline (start, restarts, leak growth) began at {@code start}. */
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
        start);
  }
}
