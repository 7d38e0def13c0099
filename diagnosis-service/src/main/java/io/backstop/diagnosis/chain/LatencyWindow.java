package io.backstop.diagnosis.chain;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/** The moving average of a target's most recent call latencies. Thread-safe. */
public final class LatencyWindow {

  private final int size;
  private final Deque<Long> recent = new ArrayDeque<>();
  private long sum;

  public LatencyWindow(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("latency window must be >= 1, but was " + size);
    }
    this.size = size;
  }

  public synchronized void record(long latencyMillis) {
    recent.addLast(latencyMillis);
    sum += latencyMillis;
    if (recent.size() > size) {
      sum -= recent.removeFirst();
    }
  }

  /** The average over the window, or empty before the first call. */
  public synchronized OptionalDouble average() {
    return recent.isEmpty()
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) sum / recent.size());
  }
}
