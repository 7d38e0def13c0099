package io.backstop.sandbox.controller;

import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.workload.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The ReplicaSet controller: keeps as many active pods as {@code spec.replicas} (an evicted pod is
 * Failed and no longer counts, so it is replaced; removing not-ready and newest pods first on
 * scale-down), keeps the newest {@link #KEPT_EVICTED} evicted pods for people to inspect, and
 * writes the ReplicaSet's status.
 */
final class ReplicaSetReconciler {

  private final ClusterStore store;
  private final PodFactory pods;
  private final EventRecorder events;
  private final WorkloadSimulator simulator;
  private final PodStatusWriter statusWriter;

  ReplicaSetReconciler(
      ClusterStore store,
      PodFactory pods,
      EventRecorder events,
      WorkloadSimulator simulator,
      PodStatusWriter statusWriter) {
    this.store = store;
    this.pods = pods;
    this.events = events;
    this.simulator = simulator;
    this.statusWriter = statusWriter;
  }

  static final int KEPT_EVICTED = 5;

  /** Reconciles one ReplicaSet; returns its active pods afterwards. */
  List<Pod> reconcile(ReplicaSet rs, List<Pod> owned, Predicate<Pod> ready, Instant now) {
    List<Pod> evicted =
        owned.stream()
            .filter(
                p ->
                    simulator
                        .eviction(p.getMetadata().getNamespace(), p.getMetadata().getName())
                        .isPresent())
            .sorted(
                Comparator.comparing(
                    (Pod p) -> p.getMetadata().getCreationTimestamp(), Comparator.reverseOrder()))
            .toList();
    evicted.stream().skip(KEPT_EVICTED).forEach(this::remove);
    List<Pod> current = new ArrayList<>(owned);
    current.removeAll(evicted);
    int want = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    String workload =
        Owners.controllerOf(rs).map(r -> r.getName()).orElse(rs.getMetadata().getName());
    while (current.size() < want) {
      String name = rs.getMetadata().getName() + "-" + pods.suffix();
      Pod pod = pods.create(rs, name, rs.getSpec().getTemplate(), Map.of(), workload, now);
      current.add(pod);
      events.normal(rs, "replicaset-controller", "SuccessfulCreate", "Created pod: " + name);
    }
    if (current.size() > want) {
      current.sort(
          Comparator.comparing((Pod p) -> ready.test(p))
              .thenComparing(
                  p -> p.getMetadata().getCreationTimestamp(), Comparator.reverseOrder()));
      while (current.size() > want) {
        Pod victim = current.remove(0);
        delete(rs, victim);
      }
    }
    writeStatus(rs, current, ready);
    return current;
  }

  /** Garbage collection of an old evicted pod: no container to stop, no controller event. */
  private void remove(Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    store.delete(Pod.class, ns, name);
    simulator.forget(ns, name);
    statusWriter.forget(ns, name);
  }

  private void delete(ReplicaSet rs, Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    events.normal(
        pod,
        "kubelet",
        "Killing",
        "Stopping container " + pod.getSpec().getContainers().get(0).getName());
    store.delete(Pod.class, ns, name);
    simulator.forget(ns, name);
    statusWriter.forget(ns, name);
    events.normal(rs, "replicaset-controller", "SuccessfulDelete", "Deleted pod: " + name);
  }

  private void writeStatus(ReplicaSet rs, List<Pod> current, Predicate<Pod> ready) {
    int readyCount = (int) current.stream().filter(ready).count();
    ReplicaSetStatus status =
        new ReplicaSetStatusBuilder()
            .withReplicas(current.size())
            .withFullyLabeledReplicas(current.size())
            .withReadyReplicas(readyCount)
            .withAvailableReplicas(readyCount)
            .withObservedGeneration(rs.getMetadata().getGeneration())
            .build();
    if (!status.equals(rs.getStatus())) {
      rs.setStatus(status);
      store.replace(rs);
    }
  }
}
