package io.backstop.sandbox.workload;

import java.util.Map;
import java.util.TreeMap;

/**
 * The request signals of one deployment: counters by status code, a latency histogram and the
 * smoothed error ratio. Each tick moves the error ratio toward what the current pods would produce
 * by at most {@code dt / recovery}, so a rollback to a healthy image recovers over the recovery
 * time instead of instantly, and a bad rollout degrades the same way.
 */
public final class DeploymentTraffic {

  /** Histogram bucket bounds in seconds, as a typical HTTP server library exports them. */
  public static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private static final double P99_TO_MEAN = Math.log(100);

  private final Map<String, Double> requestsByCode = new TreeMap<>();
  private final double[] bucketCounts = new double[BUCKETS.length];
  private double count;
  private double sum;
  private double errorRatio = Double.NaN;
  private double p99Seconds = Double.NaN;

  /** Advances the signals by {@code dtSeconds} toward {@code target}. */
  public synchronized void advance(TrafficTarget target, double dtSeconds, double recoverySeconds) {
    if (Double.isNaN(errorRatio)) {
      errorRatio = target.errorRatio();
      p99Seconds = target.p99Seconds();
    } else {
      double step = dtSeconds / recoverySeconds;
      errorRatio += Math.max(-step, Math.min(step, target.errorRatio() - errorRatio));
      p99Seconds += (target.p99Seconds() - p99Seconds) * Math.min(1.0, 3 * step);
    }
    double requests = target.requestsPerSecond() * dtSeconds;
    double errors = requests * errorRatio;
    requestsByCode.merge("200", requests - errors, Double::sum);
    requestsByCode.merge(target.errorCode(), errors, Double::sum);
    requestsByCode.putIfAbsent("500", 0.0);
    double mean = Math.max(0.001, p99Seconds / P99_TO_MEAN);
    for (int i = 0; i < BUCKETS.length; i++) {
      bucketCounts[i] += requests * (1 - Math.exp(-BUCKETS[i] / mean));
    }
    count += requests;
    sum += requests * mean;
  }

  public synchronized double errorRatio() {
    return Double.isNaN(errorRatio) ? 0.0 : errorRatio;
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(Map.copyOf(requestsByCode), bucketCounts.clone(), count, sum, errorRatio());
  }

  /** The counters at one instant. */
  public record Snapshot(
      Map<String, Double> requestsByCode,
      double[] bucketCounts,
      double count,
      double sum,
      double errorRatio) {}

  /** What the deployment's current pods would produce right now. */
  public record TrafficTarget(
      double errorRatio, double p99Seconds, double requestsPerSecond, String errorCode) {}
}
