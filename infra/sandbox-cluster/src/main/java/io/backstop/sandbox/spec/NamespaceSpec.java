package io.backstop.sandbox.spec;

import java.util.List;
import java.util.Map;

/** One namespace: its labels, Deployments and StatefulSets. */
public record NamespaceSpec(
    String name,
    Map<String, String> labels,
    List<DeploymentSpec> deployments,
    List<StatefulSetSpec> statefulSets) {

  public NamespaceSpec {
    Names.requireDnsLabel("namespace", name);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    deployments = deployments == null ? List.of() : List.copyOf(deployments);
    statefulSets = statefulSets == null ? List.of() : List.copyOf(statefulSets);
  }
}
