package io.backstop.scenario;

import java.util.List;
import java.util.Optional;

/**
 * The namespaces of the sandbox cluster and what runs in them, and its nodes (one default node when
 * none is listed).
 */
public record ClusterSpec(List<Namespace> namespaces, List<NodeSpec> nodes) {

  public ClusterSpec {
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
  }

  public ClusterSpec(List<Namespace> namespaces) {
    this(namespaces, null);
  }

  /** A node: its name and allocatable memory ({@code 8Gi}). */
  public record NodeSpec(String name, String allocatableMemory) {

    public NodeSpec {
      allocatableMemory = allocatableMemory == null ? "32Gi" : allocatableMemory;
    }
  }

  public Optional<Deployment> deployment(String namespace, String name) {
    return namespace(namespace).flatMap(ns -> ns.deployment(name));
  }

  public Optional<Namespace> namespace(String name) {
    return namespaces.stream().filter(ns -> ns.name().equals(name)).findFirst();
  }

  /** Whether any namespace holds a Deployment or StatefulSet of this name. */
  public boolean hasWorkload(String name) {
    return namespaces.stream()
        .anyMatch(ns -> ns.deployment(name).isPresent() || ns.statefulSet(name).isPresent());
  }
}
