package io.backstop.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * How a workload behaves: the signals the sandbox derives its metrics and logs from. Only the
 * fields that matter for {@code kind} are set: {@code errorRate} (fraction of requests failing),
 * {@code logs} (lines the pods print), {@code exitReason}/{@code exitCode} (how a crash-looping
 * container terminates), {@code memoryGrowthPerMinute} (a leak, OOMKilled at the memory limit),
 * {@code cpuUtilisation} (fraction of the CPU limit), {@code latencyP99}, {@code trafficMultiplier}
 * (load relative to the deployment's baseline), {@code dependency} and {@code statusCode} (the
 * dependency an auth failure is against and the status it answers), {@code diskGrowthPerMinute}
 * (ephemeral storage written until the kubelet evicts the pod at its limit; requests fail once it
 * passes nine tenths of it), {@code memoryAtStart} and {@code diskAtStart} (what the pods already
 * running when the fault begins have reached: a leak or a fill that has gone on for days; pods
 * started later begin low).
 */
public record HealthProfile(
    Kind kind,
    Double errorRate,
    List<String> logs,
    String exitReason,
    Integer exitCode,
    String memoryGrowthPerMinute,
    Double cpuUtilisation,
    Duration latencyP99,
    Double trafficMultiplier,
    String dependency,
    Integer statusCode,
    String diskGrowthPerMinute,
    String memoryAtStart,
    String diskAtStart) {

  public static final HealthProfile HEALTHY =
      new HealthProfile(
          Kind.HEALTHY,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null);

  public HealthProfile {
    logs = logs == null ? List.of() : List.copyOf(logs);
    errorRate = errorRate == null ? kind.defaultErrorRate : errorRate;
    trafficMultiplier = trafficMultiplier == null ? 1.0 : trafficMultiplier;
    if (kind == Kind.CRASH_LOOP && exitCode == null) {
      exitCode = 2;
    }
    if (kind == Kind.AUTH_FAILURE && statusCode == null) {
      statusCode = 401;
    }
  }

  /** The working set of pods already running when the fault begins, or 0 for the usual base. */
  public long memoryAtStartBytes() {
    return memoryAtStart == null ? 0 : Quantities.bytes(memoryAtStart);
  }

  /** The ephemeral storage pods already running when the fault begins have written, or 0. */
  public long diskAtStartBytes() {
    return diskAtStart == null ? 0 : Quantities.bytes(diskAtStart);
  }

  /** Ephemeral-storage growth in bytes per minute, or 0 when the profile writes no disk. */
  public long diskGrowthBytesPerMinute() {
    return diskGrowthPerMinute == null ? 0 : Quantities.bytes(diskGrowthPerMinute);
  }

  /** Leak rate in bytes per minute, or 0 when the profile does not leak. */
  public long memoryGrowthBytesPerMinute() {
    return memoryGrowthPerMinute == null ? 0 : Quantities.bytes(memoryGrowthPerMinute);
  }

  /** The kinds of behaviour a workload can show. */
  public enum Kind {
    @JsonProperty("healthy")
    HEALTHY(0.0),
    @JsonProperty("crash-loop")
    CRASH_LOOP(1.0),
    @JsonProperty("error-rate")
    ERROR_RATE(0.0),
    @JsonProperty("memory-leak")
    MEMORY_LEAK(0.0),
    @JsonProperty("saturated")
    SATURATED(0.0),
    @JsonProperty("auth-failure")
    AUTH_FAILURE(1.0),
    /** Writes to ephemeral storage until the kubelet evicts the pod at its limit. */
    @JsonProperty("disk-fill")
    DISK_FILL(0.0);

    private final double defaultErrorRate;

    Kind(double defaultErrorRate) {
      this.defaultErrorRate = defaultErrorRate;
    }
  }
}
