package io.backstop.sandbox.workload;

import io.backstop.sandbox.api.Simulation.LogLine;
import io.backstop.sandbox.spec.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The log text of one container instance, consistent with its health profile: startup lines, then
 * one request or status line per second until now (or until the instance ended), with the profile's
 * and the deployment's extra lines (for example a prompt-injection line) repeated every ten lines
 * so they stay inside a short tail. Deterministic for a given pod and time.
 */
public final class LogText {

  static final Duration LINE_INTERVAL = Duration.ofSeconds(1);
  private static final int MAX_LINES = 600;
  private static final int EXTRA_EVERY = 10;

  private LogText() {}

  /**
   * Lines from {@code start} until {@code end}; {@code terminated} adds how the instance ended
   * ({@code null} while it still runs).
   */
  public static List<LogLine> of(
      PodRuntime pod, List<String> extraLines, Instant start, Instant end, String terminated) {
    List<LogLine> lines = new ArrayList<>();
    lines.add(new LogLine(start, "INFO  starting " + pod.container() + " image=" + pod.image()));
    lines.add(new LogLine(start, "INFO  listening on :8080"));
    List<String> extras = new ArrayList<>(pod.health().logs());
    extras.addAll(extraLines);
    long count =
        Math.min(MAX_LINES, Duration.between(start, end).toMillis() / LINE_INTERVAL.toMillis());
    long first =
        Math.max(0, Duration.between(start, end).toMillis() / LINE_INTERVAL.toMillis() - count);
    for (long i = first; i < first + count; i++) {
      Instant at = start.plus(LINE_INTERVAL.multipliedBy(i + 1));
      if (!extras.isEmpty() && i % EXTRA_EVERY == EXTRA_EVERY - 1) {
        lines.add(new LogLine(at, extras.get((int) ((i / EXTRA_EVERY) % extras.size()))));
      } else {
        lines.add(new LogLine(at, line(pod, i)));
      }
    }
    if (terminated != null) {
      lines.addAll(ending(pod, end, terminated, extras));
    }
    return lines;
  }

  private static List<LogLine> ending(
      PodRuntime pod, Instant end, String reason, List<String> extras) {
    List<LogLine> lines = new ArrayList<>();
    extras.forEach(extra -> lines.add(new LogLine(end, extra)));
    if ("OOMKilled".equals(reason)) {
      lines.add(new LogLine(end, "ERROR java.lang.OutOfMemoryError: Java heap space"));
      lines.add(new LogLine(end, "ERROR heap exhausted at the container memory limit; exiting"));
    } else {
      Health health = pod.health();
      lines.add(new LogLine(end, "ERROR Application run failed"));
      lines.add(
          new LogLine(
              end,
              "ERROR java.lang.IllegalStateException: "
                  + pod.container()
                  + " cannot start: required configuration is missing or invalid"));
      lines.add(new LogLine(end, "ERROR exiting with code " + health.exitCode()));
    }
    return lines;
  }

  private static String line(PodRuntime pod, long i) {
    Health health = pod.health();
    long latency = Math.max(3, health.latencyP99().toMillis() / 4 + (i * 37) % 23);
    String path = "/api/" + pod.workload();
    return switch (health.kind()) {
      case HEALTHY -> "INFO  GET " + path + " 200 " + latency + "ms";
      case CRASH_LOOP -> "INFO  loading configuration (attempt " + (i + 1) + ")";
      case ERROR_RATE ->
          fails(i, health.errorRate())
              ? "ERROR GET "
                  + path
                  + " 500 "
                  + latency
                  + "ms upstream call failed: connection reset"
              : "INFO  GET " + path + " 200 " + latency + "ms";
      case MEMORY_LEAK ->
          i % 5 == 4
              ? "WARN  heap usage rising after GC, old gen " + Math.min(99, 40 + i) + "% full"
              : "INFO  GET " + path + " 200 " + latency + "ms";
      case SATURATED ->
          i % 3 == 2
              ? "WARN  request queue full (1000/1000), rejecting with 503; worker pool exhausted"
              : "INFO  GET " + path + " 200 " + latency + "ms";
      case DISK_FILL ->
          "INFO  wrote chunk " + (i + 1) + " of the running export to /scratch (8 MiB)";
      case AUTH_FAILURE ->
          "ERROR call to "
              + health.dependency()
              + " failed: "
              + health.statusCode()
              + " Unauthorized (credential rejected: revoked or expired)";
    };
  }

  /** A deterministic, evenly spread choice of the failing lines for an error rate. */
  static boolean fails(long i, double rate) {
    double position = (i * 0.6180339887) % 1.0;
    return position < rate;
  }
}
