package io.backstop.bench;

import java.util.Arrays;
import java.util.List;

/** Latency samples in nanoseconds, summarised: count, p50, p99 and max (nearest rank). */
public record Distribution(int count, long p50, long p99, long max) {

  public static final Distribution EMPTY = new Distribution(0, 0, 0, 0);

  public static Distribution of(long[] nanos) {
    if (nanos.length == 0) {
      return EMPTY;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Distribution(
        sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
  }

  public static Distribution of(List<Long> nanos) {
    return of(nanos.stream().mapToLong(Long::longValue).toArray());
  }

  /**
   * The nearest-rank percentile: the smallest sample with at least {@code q} of them at or below.
   */
  static long rank(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  public double p50Millis() {
    return p50 / 1e6;
  }

  public double p99Millis() {
    return p99 / 1e6;
  }

  public double p50Micros() {
    return p50 / 1e3;
  }

  public double p99Micros() {
    return p99 / 1e3;
  }
}
