package io.backstop.sandbox.spec;

import java.util.List;
import java.util.Map;

/**
 * A Deployment with its rollout history, oldest revision first; the last revision is current (once
 * the fault, if deferred, has happened). {@code logs} are extra lines every pod prints, whatever
 * its image (for example a prompt-injection line).
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
    List<String> logs) {

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
        extraLogs);
  }

  /** The last revision: the one running once the fault has happened. */
  public RevisionSpec lastRevision() {
    return revisions.get(revisions.size() - 1);
  }
}
