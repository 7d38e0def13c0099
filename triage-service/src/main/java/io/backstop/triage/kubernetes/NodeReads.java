package io.backstop.triage.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import java.util.List;
import java.util.Optional;

/**
 * What was read about one node the alerted workload's pods run on: the node (absent when it could
 * not be read), the pods of every namespace scheduled on it, the events about it, and its usage
 * from the metrics API.
 */
public record NodeReads(
    String name,
    Optional<Node> node,
    List<Pod> pods,
    List<Event> events,
    Optional<NodeMetrics> usage) {

  public NodeReads {
    pods = List.copyOf(pods);
    events = List.copyOf(events);
  }
}
