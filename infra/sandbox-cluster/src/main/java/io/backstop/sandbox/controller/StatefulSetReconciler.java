package io.backstop.sandbox.controller;

import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.workload.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The StatefulSet controller, OrderedReady: creates {@code name-0..n-1} one at a time once the
 * previous ordinal is ready, removes ordinals past the replica count highest first, and rolls a
 * template change by replacing the highest-ordinal outdated pod when all others are ready.
 */
final class StatefulSetReconciler {

  private static final String COMPONENT = "statefulset-controller";

  private final ClusterStore store;
  private final PodFactory pods;
  private final EventRecorder events;
  private final WorkloadSimulator simulator;
  private final PodStatusWriter statusWriter;
  private final TemplateHash hashes;

  StatefulSetReconciler(
      ClusterStore store,
      PodFactory pods,
      EventRecorder events,
      WorkloadSimulator simulator,
      PodStatusWriter statusWriter,
      TemplateHash hashes) {
    this.store = store;
    this.pods = pods;
    this.events = events;
    this.simulator = simulator;
    this.statusWriter = statusWriter;
    this.hashes = hashes;
  }

  void reconcile(StatefulSet sts, List<Pod> owned, Predicate<Pod> ready, Instant now) {
    String name = sts.getMetadata().getName();
    String revision = name + "-" + hashes.of(sts.getSpec().getTemplate());
    int want = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
    for (Pod pod : owned) {
      if (ordinal(pod) >= want) {
        delete(sts, pod);
        return;
      }
    }
    for (int i = 0; i < want; i++) {
      Optional<Pod> pod = find(owned, name + "-" + i);
      if (pod.isEmpty()) {
        create(sts, i, revision, now);
        return;
      }
      if (!ready.test(pod.get())) {
        writeStatus(sts, owned, ready, revision);
        return;
      }
    }
    for (int i = want - 1; i >= 0; i--) {
      Pod pod = find(owned, name + "-" + i).orElseThrow();
      if (!revision.equals(Revisions.label(pod, Annotations.CONTROLLER_REVISION_HASH))) {
        delete(sts, pod);
        return;
      }
    }
    writeStatus(sts, owned, ready, revision);
  }

  void create(StatefulSet sts, int ordinal, String revision, Instant createdAt) {
    String podName = sts.getMetadata().getName() + "-" + ordinal;
    pods.create(
        sts,
        podName,
        sts.getSpec().getTemplate(),
        Map.of(Annotations.CONTROLLER_REVISION_HASH, revision, Annotations.STS_POD_NAME, podName),
        sts.getMetadata().getName(),
        createdAt);
    events.normal(
        sts,
        COMPONENT,
        "SuccessfulCreate",
        "create Pod " + podName + " in StatefulSet " + sts.getMetadata().getName() + " successful");
  }

  private void delete(StatefulSet sts, Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    String podName = pod.getMetadata().getName();
    events.normal(
        pod,
        "kubelet",
        "Killing",
        "Stopping container " + pod.getSpec().getContainers().get(0).getName());
    store.delete(Pod.class, ns, podName);
    simulator.forget(ns, podName);
    statusWriter.forget(ns, podName);
    events.normal(
        sts,
        COMPONENT,
        "SuccessfulDelete",
        "delete Pod " + podName + " in StatefulSet " + sts.getMetadata().getName() + " successful");
  }

  private void writeStatus(
      StatefulSet sts, List<Pod> owned, Predicate<Pod> ready, String revision) {
    int readyCount = (int) owned.stream().filter(ready).count();
    int updated =
        (int)
            owned.stream()
                .filter(
                    p -> revision.equals(Revisions.label(p, Annotations.CONTROLLER_REVISION_HASH)))
                .count();
    boolean done = updated == owned.size();
    String current =
        done || sts.getStatus() == null || sts.getStatus().getCurrentRevision() == null
            ? revision
            : sts.getStatus().getCurrentRevision();
    StatefulSetStatus status =
        new StatefulSetStatusBuilder()
            .withObservedGeneration(sts.getMetadata().getGeneration())
            .withReplicas(owned.size())
            .withReadyReplicas(readyCount)
            .withAvailableReplicas(readyCount)
            .withCurrentReplicas(done ? owned.size() : owned.size() - updated)
            .withUpdatedReplicas(updated)
            .withCurrentRevision(current)
            .withUpdateRevision(revision)
            .withCollisionCount(0)
            .build();
    if (!status.equals(sts.getStatus())) {
      sts.setStatus(status);
      store.replace(sts);
    }
  }

  private static Optional<Pod> find(List<Pod> pods, String name) {
    return pods.stream().filter(p -> p.getMetadata().getName().equals(name)).findFirst();
  }

  private static int ordinal(Pod pod) {
    String name = pod.getMetadata().getName();
    try {
      return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
