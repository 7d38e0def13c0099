package io.backstop.sandbox.controller;

import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.workload.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One consistent read of the workload objects, with ownership lookups and garbage collection. */
record WorkloadObjects(
    List<Deployment> deployments,
    List<ReplicaSet> replicaSets,
    List<StatefulSet> statefulSets,
    List<Pod> pods) {

  static WorkloadObjects read(ClusterStore store) {
    return new WorkloadObjects(
        store.list(Deployment.class, null),
        store.list(ReplicaSet.class, null),
        store.list(StatefulSet.class, null),
        store.list(Pod.class, null));
  }

  <T extends HasMetadata> List<T> ownedBy(List<T> children, HasMetadata owner) {
    return children.stream().filter(c -> Owners.ownedBy(c, owner)).toList();
  }

  /**
   * Deletes ReplicaSets and pods whose controlling owner is gone, as the garbage collector does.
   */
  void collectGarbage(ClusterStore store, WorkloadSimulator simulator, PodStatusWriter podStatus) {
    Set<String> owners =
        Stream.of(deployments, replicaSets, statefulSets)
            .flatMap(List::stream)
            .map(o -> o.getMetadata().getUid())
            .collect(Collectors.toSet());
    for (ReplicaSet rs : replicaSets) {
      if (orphaned(rs, owners)) {
        store.delete(ReplicaSet.class, rs.getMetadata().getNamespace(), rs.getMetadata().getName());
      }
    }
    for (Pod pod : pods) {
      if (orphaned(pod, owners)) {
        String ns = pod.getMetadata().getNamespace();
        store.delete(Pod.class, ns, pod.getMetadata().getName());
        simulator.forget(ns, pod.getMetadata().getName());
        podStatus.forget(ns, pod.getMetadata().getName());
      }
    }
  }

  private static boolean orphaned(HasMetadata object, Set<String> owners) {
    return Owners.controllerOf(object).map(r -> !owners.contains(r.getUid())).orElse(false);
  }
}
