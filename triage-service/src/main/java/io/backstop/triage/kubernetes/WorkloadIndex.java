package io.backstop.triage.kubernetes;

import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who owns what in one namespace: which workload each pod belongs to (through its ReplicaSet's
 * owner, a StatefulSet or a DaemonSet), a workload's ReplicaSets and pods, and the events about a
 * workload, its ReplicaSets or its pods. Pods of other namespaces (on a shared node) are mapped by
 * their owner references alone: a ReplicaSet {@code name-<hash>} is taken to belong to the
 * Deployment {@code name}.
 */
public final class WorkloadIndex {

  private final String namespace;
  private final Map<String, Deployment> deployments = new LinkedHashMap<>();
  private final Map<String, StatefulSet> statefulSets = new LinkedHashMap<>();
  private final Map<String, WorkloadRef> replicaSetOwner = new HashMap<>();
  private final Map<WorkloadRef, List<ReplicaSet>> replicaSets = new HashMap<>();
  private final Map<WorkloadRef, List<Pod>> pods = new LinkedHashMap<>();

  public WorkloadIndex(
      String namespace,
      List<Deployment> deployments,
      List<StatefulSet> statefulSets,
      List<ReplicaSet> replicaSets,
      List<Pod> pods) {
    this.namespace = namespace;
    deployments.forEach(d -> this.deployments.put(d.getMetadata().getName(), d));
    statefulSets.forEach(s -> this.statefulSets.put(s.getMetadata().getName(), s));
    for (ReplicaSet rs : replicaSets) {
      for (Deployment d : deployments) {
        if (Rollouts.ownedBy(rs, d)) {
          WorkloadRef ref = Rollouts.ref(d);
          replicaSetOwner.put(rs.getMetadata().getName(), ref);
          this.replicaSets.computeIfAbsent(ref, r -> new ArrayList<>()).add(rs);
        }
      }
    }
    for (Pod p : pods) {
      this.pods.computeIfAbsent(workloadOf(p), r -> new ArrayList<>()).add(p);
    }
  }

  public String namespace() {
    return namespace;
  }

  public Optional<Deployment> deployment(String name) {
    return Optional.ofNullable(deployments.get(name));
  }

  public List<Deployment> deployments() {
    return List.copyOf(deployments.values());
  }

  public Optional<StatefulSet> statefulSet(String name) {
    return Optional.ofNullable(statefulSets.get(name));
  }

  public List<ReplicaSet> replicaSetsOf(WorkloadRef ref) {
    return List.copyOf(replicaSets.getOrDefault(ref, List.of()));
  }

  public List<Pod> podsOf(WorkloadRef ref) {
    return List.copyOf(pods.getOrDefault(ref, List.of()));
  }

  /** Every workload of the namespace that has pods, with its pods. */
  public Map<WorkloadRef, List<Pod>> podsByWorkload() {
    return Map.copyOf(pods);
  }

  /**
   * The workload a pod belongs to: through its owner references, else (a pod of this namespace
   * whose owner is not known) the Deployment whose selector matches its labels.
   */
  public WorkloadRef workloadOf(Pod pod) {
    String ns =
        pod.getMetadata().getNamespace() == null ? namespace : pod.getMetadata().getNamespace();
    Optional<OwnerReference> owner = controller(pod);
    if (owner.isPresent() && "ReplicaSet".equals(owner.get().getKind())) {
      WorkloadRef known = ns.equals(namespace) ? replicaSetOwner.get(owner.get().getName()) : null;
      if (known != null) {
        return known;
      }
      Optional<WorkloadRef> selected = ns.equals(namespace) ? selectedBy(pod) : Optional.empty();
      return selected.orElse(WorkloadRef.deployment(ns, stripHash(owner.get().getName())));
    }
    if (owner.isEmpty() && ns.equals(namespace)) {
      Optional<WorkloadRef> selected = selectedBy(pod);
      if (selected.isPresent()) {
        return selected.get();
      }
    }
    if (owner.isPresent()) {
      WorkloadKind kind =
          switch (owner.get().getKind()) {
            case "StatefulSet" -> WorkloadKind.STATEFULSET;
            case "DaemonSet" -> WorkloadKind.DAEMONSET;
            default -> WorkloadKind.OTHER;
          };
      return new WorkloadRef(kind, ns, owner.get().getName());
    }
    return new WorkloadRef(WorkloadKind.OTHER, ns, pod.getMetadata().getName());
  }

  /**
   * Events about the workload itself, its ReplicaSets or its pods (also pods already gone, named
   * after one of its ReplicaSets).
   */
  public List<Event> eventsOf(WorkloadRef ref, List<Event> events) {
    Set<String> names = new HashSet<>();
    names.add(ref.name());
    List<String> prefixes = new ArrayList<>();
    replicaSetsOf(ref)
        .forEach(
            rs -> {
              names.add(rs.getMetadata().getName());
              prefixes.add(rs.getMetadata().getName() + "-");
            });
    podsOf(ref).forEach(p -> names.add(p.getMetadata().getName()));
    return events.stream()
        .filter(e -> e.getInvolvedObject() != null && e.getInvolvedObject().getName() != null)
        .filter(
            e -> {
              String name = e.getInvolvedObject().getName();
              return names.contains(name) || prefixes.stream().anyMatch(name::startsWith);
            })
        .toList();
  }

  private Optional<WorkloadRef> selectedBy(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (labels == null || labels.isEmpty()) {
      return Optional.empty();
    }
    return deployments.values().stream()
        .filter(
            d -> {
              Map<String, String> selector =
                  d.getSpec() == null || d.getSpec().getSelector() == null
                      ? null
                      : d.getSpec().getSelector().getMatchLabels();
              return selector != null
                  && !selector.isEmpty()
                  && selector.entrySet().stream()
                      .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
            })
        .map(Rollouts::ref)
        .findFirst();
  }

  private static Optional<OwnerReference> controller(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    if (owners == null || owners.isEmpty()) {
      return Optional.empty();
    }
    return owners.stream()
        .filter(o -> Boolean.TRUE.equals(o.getController()))
        .findFirst()
        .or(() -> Optional.of(owners.get(0)));
  }

  static String stripHash(String replicaSet) {
    int dash = replicaSet.lastIndexOf('-');
    return dash > 0 ? replicaSet.substring(0, dash) : replicaSet;
  }
}
