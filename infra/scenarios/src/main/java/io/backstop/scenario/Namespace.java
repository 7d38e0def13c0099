package io.backstop.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One namespace: its labels, Deployments and StatefulSets, its Secrets (only their names and ages:
 * the sandbox never needs a real secret), and the mutating admission policies that rewrite pods of
 * a Deployment as they are created (a webhook the cluster runs, not Backstop).
 */
public record Namespace(
    String name,
    Map<String, String> labels,
    List<Deployment> deployments,
    List<StatefulSet> statefulSets,
    List<SecretSpec> secrets,
    List<Mutation> mutations) {

  public Namespace {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    deployments = deployments == null ? List.of() : List.copyOf(deployments);
    statefulSets = statefulSets == null ? List.of() : List.copyOf(statefulSets);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    mutations = mutations == null ? List.of() : List.copyOf(mutations);
  }

  public Namespace(
      String name,
      Map<String, String> labels,
      List<Deployment> deployments,
      List<StatefulSet> statefulSets) {
    this(name, labels, deployments, statefulSets, null, null);
  }

  /** A Secret: its name and how long before the start it was last written. */
  public record SecretSpec(String name, Duration changedAgo) {

    public SecretSpec {
      changedAgo = changedAgo == null ? Duration.ofDays(30) : changedAgo;
    }
  }

  /**
   * A mutating admission policy: every pod of {@code deployment} created after the start gets its
   * memory limit set to {@code memoryLimit} (below what the image needs, so it is OOM-killed), and
   * the annotation the policy engine writes ({@code policies.kyverno.io/last-applied-patches}).
   */
  public record Mutation(String name, String deployment, String memoryLimit) {}

  public Optional<Deployment> deployment(String name) {
    return deployments.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  public Optional<StatefulSet> statefulSet(String name) {
    return statefulSets.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
