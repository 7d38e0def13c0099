package io.backstop.triage.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Prometheus calls of one gathering: every call is counted ({@code Gathering.metricQueries});
 * the queries beyond the alerted workload's own may only be made while the bound allows, and what
 * the bound refused is named.
 */
public final class QueryBudget {

  private final int max;
  private final AtomicInteger used = new AtomicInteger();
  private final List<String> refused = new ArrayList<>();

  public QueryBudget(int max) {
    this.max = max;
  }

  public static QueryBudget unbounded() {
    return new QueryBudget(Integer.MAX_VALUE);
  }

  /** Counts a call that is made whatever the bound (the alerted workload's own queries). */
  public void count() {
    used.incrementAndGet();
  }

  /** Takes {@code calls} calls if the bound allows them all; otherwise records {@code what}. */
  public synchronized boolean tryTake(int calls, String what) {
    if (used.get() + calls > max) {
      refused.add(what + ": over the " + max + "-query bound");
      return false;
    }
    used.addAndGet(calls);
    return true;
  }

  public int used() {
    return used.get();
  }

  public synchronized List<String> refused() {
    return List.copyOf(refused);
  }
}
