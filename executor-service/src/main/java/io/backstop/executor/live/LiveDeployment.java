package io.backstop.executor.live;

import io.backstop.events.MetadataKeys;
import io.backstop.events.signal.WorkloadRef;
import java.util.Map;
import java.util.Optional;

/**
 * A Deployment as the API server reports it right now: what the executor checks preconditions
 * against and plans its patch from. {@code sha} is the git SHA (or image tag) of the ReplicaSet
 * behind the current revision; {@code revision} is 0 when the controller has not numbered it yet.
 */
public record LiveDeployment(
    WorkloadRef ref,
    Map<String, String> labels,
    Map<String, String> annotations,
    boolean templateHasAnnotations,
    long revision,
    String image,
    String sha,
    int desiredReplicas,
    long generation,
    long observedGeneration,
    int replicas,
    int updatedReplicas,
    int readyReplicas,
    int availableReplicas) {

  public LiveDeployment {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    image = image == null ? "" : image;
    sha = sha == null ? "" : sha;
  }

  public boolean labelledProtected() {
    return "true".equalsIgnoreCase(labels.getOrDefault(MetadataKeys.PROTECTED, "false").strip());
  }

  /** The action id the last executor write left on this Deployment, if any. */
  public Optional<String> lastActionId() {
    return Optional.ofNullable(annotations.get(MetadataKeys.ACTION_ID));
  }

  public boolean hasAnnotations() {
    return !annotations.isEmpty();
  }
}
