package io.backstop.diagnosis.chain;

import java.util.Comparator;
import java.util.List;

/**
 * The order targets are tried in: by priority; among equal priority, targets whose breaker is
 * closed first, then the lower moving-average latency (a target not yet measured counts as fastest,
 * so it gets measured), then configuration order.
 */
final class Routing {

  private Routing() {}

  static List<ModelClient> order(List<ModelClient> clients, TargetHealth health) {
    Comparator<ModelClient> byPriority = Comparator.comparingInt(c -> c.target().priority());
    Comparator<ModelClient> byOpen = Comparator.comparing(c -> health.open(c.target().name()));
    Comparator<ModelClient> byLatency =
        Comparator.comparingDouble(c -> health.latency(c.target().name()).average().orElse(0));
    return clients.stream()
        .sorted(byPriority.thenComparing(byOpen).thenComparing(byLatency))
        .toList();
  }
}
