package io.backstop.scenario;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One namespace: its labels, Deployments and StatefulSets. */
public record Namespace(
    String name,
    Map<String, String> labels,
    List<Deployment> deployments,
    List<StatefulSet> statefulSets) {

  public Namespace {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    deployments = deployments == null ? List.of() : List.copyOf(deployments);
    statefulSets = statefulSets == null ? List.of() : List.copyOf(statefulSets);
  }

  public Optional<Deployment> deployment(String name) {
    return deployments.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  public Optional<StatefulSet> statefulSet(String name) {
    return statefulSets.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
