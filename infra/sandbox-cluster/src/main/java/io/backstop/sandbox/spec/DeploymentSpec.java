package io.backstop.sandbox.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Deployment with its rollout history, oldest revision first; the last revision is current (once
 * the fault, if deferred, has happened). {@code logs} are extra lines every pod prints, whatever
 * its image (for example a prompt-injection line); {@code env} plain env vars of its container,
 * {@code secretEnv} env vars read from a Secret's {@code password} key (env name to Secret name),
 * {@code annotations} those of the Deployment, and {@code node} the node its pods run on ({@code
 * null}: the cluster's first node).
 */
public record DeploymentSpec(
    String name,
    int replicas,
    Map<String, String> labels,
    String container,
    int port,
    double requestsPerSecond,
    ContainerResources resources,
    List<RevisionSpec> revisions,
    List<String> logs,
    Map<String, String> env,
    Map<String, String> secretEnv,
    Map<String, String> annotations,
    String node) {

  public DeploymentSpec {
    Names.requireDnsLabel("deployment", name);
    if (replicas < 0) {
      throw new IllegalArgumentException(
          "deployment " + name + ": replicas must be >= 0, but was " + replicas);
    }
    labels = labels == null || labels.isEmpty() ? Map.of("app", name) : Map.copyOf(labels);
    container = container == null ? name : container;
    port = port <= 0 ? 8080 : port;
    requestsPerSecond = requestsPerSecond <= 0 ? 20.0 : requestsPerSecond;
    resources = resources == null ? ContainerResources.DEFAULT : resources;
    revisions = revisions == null ? List.of() : List.copyOf(revisions);
    if (revisions.isEmpty()) {
      throw new IllegalArgumentException("deployment " + name + " needs at least one revision");
    }
    logs = logs == null ? List.of() : List.copyOf(logs);
    env = ordered(env);
    secretEnv = ordered(secretEnv);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public DeploymentSpec(
      String name,
      int replicas,
      Map<String, String> labels,
      String container,
      int port,
      double requestsPerSecond,
      ContainerResources resources,
      List<RevisionSpec> revisions,
      List<String> logs) {
    this(
        name,
        replicas,
        labels,
        container,
        port,
        requestsPerSecond,
        resources,
        revisions,
        logs,
        null,
        null,
        null,
        null);
  }

  /** A deployment with default container, port, traffic and resources. */
  public static DeploymentSpec of(String name, int replicas, List<RevisionSpec> revisions) {
    return new DeploymentSpec(name, replicas, null, null, 0, 0, null, revisions, null);
  }

  /** The same deployment with extra log lines. */
  public DeploymentSpec withLogs(List<String> extraLogs) {
    return new DeploymentSpec(
        name,
        replicas,
        labels,
        container,
        port,
        requestsPerSecond,
        resources,
        revisions,
        extraLogs,
        env,
        secretEnv,
        annotations,
        node);
  }

  /** The last revision: the one running once the fault has happened. */
  public RevisionSpec lastRevision() {
    return revisions.get(revisions.size() - 1);
  }

  /** The plain env of the container a revision runs: the deployment's, then the revision's. */
  public Map<String, String> envOf(RevisionSpec revision) {
    Map<String, String> out = new LinkedHashMap<>(env);
    out.putAll(revision.env());
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, String> ordered(Map<String, String> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
