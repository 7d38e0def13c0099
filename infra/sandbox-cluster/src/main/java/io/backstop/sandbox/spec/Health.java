package io.backstop.sandbox.spec;

import java.time.Duration;
import java.util.List;

/**
 * How the pods of an image behave; the sandbox derives pod status, logs and metrics from it. Only
 * the fields that matter for {@code kind} are used: {@code errorRate} (fraction of requests
 * failing), {@code logs} (lines the pods print), {@code exitReason}/{@code exitCode} (how a
 * crash-looping container terminates), {@code memoryGrowthBytesPerMinute} (a leak, OOMKilled at the
 * limit), {@code cpuUtilisation} (fraction of the CPU limit), {@code latencyP99}, {@code
 * trafficMultiplier} (load relative to baseline), {@code dependency}/{@code statusCode} (what an
 * auth failure is against, and the status it answers), {@code diskGrowthBytesPerMinute} (ephemeral
 * storage written until the kubelet evicts the pod at its limit), {@code memoryAtStartBytes} and
 * {@code diskAtStartBytes} (what pods already running when a fault begins have reached; 0 for the
 * usual start).
 */
public record Health(
    HealthKind kind,
    double errorRate,
    List<String> logs,
    String exitReason,
    int exitCode,
    long memoryGrowthBytesPerMinute,
    double cpuUtilisation,
    Duration latencyP99,
    double trafficMultiplier,
    String dependency,
    int statusCode,
    long diskGrowthBytesPerMinute,
    long memoryAtStartBytes,
    long diskAtStartBytes) {

  public Health {
    if (kind == null) {
      throw new IllegalArgumentException("health profile needs a kind");
    }
    if (errorRate < 0 || errorRate > 1) {
      throw new IllegalArgumentException("errorRate must be in [0, 1], but was " + errorRate);
    }
    if (memoryGrowthBytesPerMinute < 0 || diskGrowthBytesPerMinute < 0) {
      throw new IllegalArgumentException("growth rates must be >= 0");
    }
    logs = logs == null ? List.of() : List.copyOf(logs);
    exitReason = exitReason == null ? "Error" : exitReason;
    exitCode = exitCode == 0 ? 2 : exitCode;
    cpuUtilisation = cpuUtilisation <= 0 ? kind.defaultCpu() : Math.min(cpuUtilisation, 1.0);
    latencyP99 = latencyP99 == null ? kind.defaultLatencyP99() : latencyP99;
    trafficMultiplier = trafficMultiplier <= 0 ? 1.0 : trafficMultiplier;
    dependency = dependency == null ? "payments-api" : dependency;
    statusCode = statusCode == 0 ? 401 : statusCode;
    memoryAtStartBytes = Math.max(0, memoryAtStartBytes);
    diskAtStartBytes = Math.max(0, diskAtStartBytes);
  }

  public Health(
      HealthKind kind,
      double errorRate,
      List<String> logs,
      String exitReason,
      int exitCode,
      long memoryGrowthBytesPerMinute,
      double cpuUtilisation,
      Duration latencyP99,
      double trafficMultiplier,
      String dependency,
      int statusCode) {
    this(
        kind,
        errorRate,
        logs,
        exitReason,
        exitCode,
        memoryGrowthBytesPerMinute,
        cpuUtilisation,
        latencyP99,
        trafficMultiplier,
        dependency,
        statusCode,
        0,
        0,
        0);
  }

  public static Health of(HealthKind kind, double errorRate) {
    return new Health(kind, errorRate, null, null, 0, 0, 0, null, 0, null, 0);
  }

  public static Health healthy() {
    return of(HealthKind.HEALTHY, 0.0);
  }

  public static Health crashLoop() {
    return of(HealthKind.CRASH_LOOP, 1.0);
  }

  public static Health errorRate(double rate) {
    return of(HealthKind.ERROR_RATE, rate);
  }

  public static Health memoryLeak(String growthPerMinute) {
    return new Health(
        HealthKind.MEMORY_LEAK,
        0.0,
        null,
        null,
        0,
        Quantities.bytes(growthPerMinute),
        0,
        null,
        0,
        null,
        0);
  }

  public static Health saturated(double trafficMultiplier) {
    return new Health(
        HealthKind.SATURATED, 0.05, null, null, 0, 0, 0.98, null, trafficMultiplier, null, 0);
  }

  public static Health authFailure(String dependency) {
    return new Health(HealthKind.AUTH_FAILURE, 1.0, null, null, 0, 0, 0, null, 0, dependency, 401);
  }

  /**
   * Ephemeral storage written at {@code growthPerMinute} from {@code atStart}; requests fail at
   * {@code errorRate} once it passes nine tenths of the limit.
   */
  public static Health diskFill(String growthPerMinute, String atStart, double errorRate) {
    return new Health(
        HealthKind.DISK_FILL,
        errorRate,
        null,
        null,
        0,
        0,
        0,
        null,
        0,
        null,
        0,
        Quantities.bytes(growthPerMinute),
        0,
        atStart == null ? 0 : Quantities.bytes(atStart));
  }

  /** The same profile with extra log lines. */
  public Health withLogs(List<String> lines) {
    return new Health(
        kind,
        errorRate,
        lines,
        exitReason,
        exitCode,
        memoryGrowthBytesPerMinute,
        cpuUtilisation,
        latencyP99,
        trafficMultiplier,
        dependency,
        statusCode,
        diskGrowthBytesPerMinute,
        memoryAtStartBytes,
        diskAtStartBytes);
  }
}
