package io.backstop.events.signal;

import io.backstop.events.Require;
import java.time.Duration;
import java.util.List;

/**
 * How the signals were gathered: the one health window by which a revision counts as having run
 * healthy (pods ready and the error signal under threshold for the whole window), what the
 * gathering cost (Kubernetes API calls, metric queries, wall time) and what the bounded budget made
 * it skip ("neighbour shop/batch-7: over the 8-workload bound"), and the error signal the alerted
 * workload was judged by ({@link ErrorBasis}; null when none was computed or in older events).
 */
public record Gathering(
    Duration healthWindow,
    int apiCalls,
    int metricQueries,
    long millis,
    List<String> skipped,
    ErrorBasis errors) {

  public Gathering {
    Require.present(healthWindow, "gathering.healthWindow");
    if (healthWindow.isNegative() || healthWindow.isZero()) {
      throw new Require.InvalidFieldException(
          "gathering.healthWindow", "must be positive, but was " + healthWindow);
    }
    Require.nonNegative(apiCalls, "gathering.apiCalls");
    Require.nonNegative(metricQueries, "gathering.metricQueries");
    Require.nonNegative(millis, "gathering.millis");
    skipped = Require.list(skipped);
  }

  /** A gathering that recorded no error signal. */
  public Gathering(
      Duration healthWindow, int apiCalls, int metricQueries, long millis, List<String> skipped) {
    this(healthWindow, apiCalls, metricQueries, millis, skipped, null);
  }
}
