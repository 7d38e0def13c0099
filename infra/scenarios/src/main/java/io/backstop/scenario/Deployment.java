package io.backstop.scenario;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Deployment with its rollout history, oldest revision first. The last revision is current once
 * the scenario's fault has happened; {@code logs} are extra lines its pods print whatever image
 * they run (for example a prompt-injection line).
 */
public record Deployment(
    String name,
    int replicas,
    Map<String, String> labels,
    String container,
    Integer port,
    Double requestsPerSecond,
    Resources resources,
    List<DeployedRevision> revisions,
    List<String> logs) {

  public static final int DEFAULT_PORT = 8080;
  public static final double DEFAULT_REQUESTS_PER_SECOND = 20.0;

  public Deployment {
    labels = labels == null ? Map.of("app", name) : Map.copyOf(labels);
    port = port == null ? DEFAULT_PORT : port;
    requestsPerSecond = requestsPerSecond == null ? DEFAULT_REQUESTS_PER_SECOND : requestsPerSecond;
    resources = resources == null ? Resources.NONE : resources;
    revisions = revisions == null ? List.of() : List.copyOf(revisions);
    logs = logs == null ? List.of() : List.copyOf(logs);
  }

  /** The last revision: the one running once the fault has happened. */
  public DeployedRevision currentRevision() {
    return revisions.get(revisions.size() - 1);
  }

  /** The revision before the current one, if there is one. */
  public Optional<DeployedRevision> previousRevision() {
    return revisions.size() < 2
        ? Optional.empty()
        : Optional.of(revisions.get(revisions.size() - 2));
  }

  public Optional<DeployedRevision> revision(long number) {
    return revisions.stream().filter(r -> r.revision() == number).findFirst();
  }
}
