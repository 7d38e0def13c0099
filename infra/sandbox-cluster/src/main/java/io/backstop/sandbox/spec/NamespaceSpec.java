package io.backstop.sandbox.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One namespace: its labels, Deployments and StatefulSets, its Secrets (names and when they were
 * written; the values are generated), and the mutating policies that rewrite its pods.
 */
public record NamespaceSpec(
    String name,
    Map<String, String> labels,
    List<DeploymentSpec> deployments,
    List<StatefulSetSpec> statefulSets,
    List<SecretSpec> secrets,
    List<MutationSpec> mutations) {

  public NamespaceSpec {
    Names.requireDnsLabel("namespace", name);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    deployments = deployments == null ? List.of() : List.copyOf(deployments);
    statefulSets = statefulSets == null ? List.of() : List.copyOf(statefulSets);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    mutations = mutations == null ? List.of() : List.copyOf(mutations);
  }

  public NamespaceSpec(
      String name,
      Map<String, String> labels,
      List<DeploymentSpec> deployments,
      List<StatefulSetSpec> statefulSets) {
    this(name, labels, deployments, statefulSets, null, null);
  }

  public Optional<DeploymentSpec> deployment(String name) {
    return deployments.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** The mutation that rewrites the pods of a deployment, if one does. */
  public Optional<MutationSpec> mutationOf(String deployment) {
    return mutations.stream().filter(m -> m.deployment().equals(deployment)).findFirst();
  }
}
