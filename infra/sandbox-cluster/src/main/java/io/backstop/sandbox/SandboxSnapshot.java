package io.backstop.sandbox;

import io.backstop.sandbox.api.WriteRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox at one instant, for tests and the demo: each Deployment's current revision, image,
 * SHA, replicas and error ratio; each StatefulSet's generation and restarts (was {@code prod-db}
 * touched?); and every write request received, with its token.
 */
public record SandboxSnapshot(
    Instant at,
    List<DeploymentState> deployments,
    List<StatefulSetState> statefulSets,
    List<WriteRecord> writes) {

  public Optional<DeploymentState> deployment(String namespace, String name) {
    return deployments.stream()
        .filter(d -> d.namespace().equals(namespace) && d.name().equals(name))
        .findFirst();
  }

  public Optional<StatefulSetState> statefulSet(String namespace, String name) {
    return statefulSets.stream()
        .filter(s -> s.namespace().equals(namespace) && s.name().equals(name))
        .findFirst();
  }

  /** Writes that were carried out (2xx, not dry run) on a path naming {@code resourceName}. */
  public List<WriteRecord> appliedWritesTo(String resourceName) {
    return writes.stream()
        .filter(WriteRecord::applied)
        .filter(
            w ->
                w.path().contains("/" + resourceName + "/")
                    || w.path().endsWith("/" + resourceName)
                    || w.path().contains("/" + resourceName + "?"))
        .toList();
  }

  /** One Deployment's rollout and health. */
  public record DeploymentState(
      String namespace,
      String name,
      long revision,
      String image,
      String gitSha,
      int desiredReplicas,
      int updatedReplicas,
      int readyReplicas,
      int availableReplicas,
      boolean rolloutComplete,
      double errorRatio) {}

  /** One StatefulSet's generation, readiness and total container restarts. */
  public record StatefulSetState(
      String namespace,
      String name,
      long generation,
      long observedGeneration,
      int readyReplicas,
      int restarts,
      List<String> podUids) {}
}
