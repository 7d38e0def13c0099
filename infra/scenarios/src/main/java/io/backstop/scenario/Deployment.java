package io.backstop.scenario;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Deployment with its rollout history, oldest revision first. The last revision is current once
 * the scenario's fault has happened; {@code logs} are extra lines its pods print whatever image
 * they run (for example a prompt-injection line). {@code env} are plain env vars of its container
 * (a URL naming another workload's Service makes it a dependency), {@code secretEnv} env vars read
 * from a Secret's {@code password} key (name → Secret), {@code annotations} go on the Deployment
 * ({@code backstop.io/depends-on}, {@code backstop.io/error-codes}), and {@code node} pins its pods
 * to one of the cluster's nodes (the first node otherwise).
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
    List<String> logs,
    Map<String, String> env,
    Map<String, String> secretEnv,
    Map<String, String> annotations,
    String node) {

  public static final int DEFAULT_PORT = 8080;
  public static final double DEFAULT_REQUESTS_PER_SECOND = 20.0;

  public Deployment {
    labels = labels == null ? Map.of("app", name) : Map.copyOf(labels);
    port = port == null ? DEFAULT_PORT : port;
    requestsPerSecond = requestsPerSecond == null ? DEFAULT_REQUESTS_PER_SECOND : requestsPerSecond;
    resources = resources == null ? Resources.NONE : resources;
    revisions = revisions == null ? List.of() : List.copyOf(revisions);
    logs = logs == null ? List.of() : List.copyOf(logs);
    env = env == null ? Map.of() : ordered(env);
    secretEnv = secretEnv == null ? Map.of() : ordered(secretEnv);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  private static Map<String, String> ordered(Map<String, String> map) {
    return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
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
