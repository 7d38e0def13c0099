package io.backstop.sandbox;

import io.backstop.sandbox.api.WriteRecord;
import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.workload.DeploymentTraffic;
import io.backstop.sandbox.workload.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads a {@link SandboxSnapshot} from the store and the simulator. */
final class SnapshotReader {

  private final ClusterStore store;
  private final WorkloadSimulator simulator;
  private final Clock clock;

  SnapshotReader(ClusterStore store, WorkloadSimulator simulator, Clock clock) {
    this.store = store;
    this.simulator = simulator;
    this.clock = clock;
  }

  SandboxSnapshot read(List<WriteRecord> writes) {
    return store.atomically(
        () -> {
          List<Pod> pods = store.list(Pod.class, null);
          List<SandboxSnapshot.DeploymentState> deployments =
              store.list(Deployment.class, null).stream().map(this::deployment).toList();
          List<SandboxSnapshot.StatefulSetState> statefulSets =
              store.list(StatefulSet.class, null).stream().map(s -> statefulSet(s, pods)).toList();
          return new SandboxSnapshot(clock.instant(), deployments, statefulSets, writes);
        });
  }

  private SandboxSnapshot.DeploymentState deployment(Deployment d) {
    String ns = d.getMetadata().getNamespace();
    String name = d.getMetadata().getName();
    Container container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, String> templateAnnotations =
        d.getSpec().getTemplate().getMetadata().getAnnotations();
    Map<String, String> annotations = d.getMetadata().getAnnotations();
    DeploymentStatus status = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    int updated = orZero(status.getUpdatedReplicas());
    int available = orZero(status.getAvailableReplicas());
    boolean complete =
        Objects.equals(status.getObservedGeneration(), d.getMetadata().getGeneration())
            && updated == desired
            && orZero(status.getReplicas()) == desired
            && available == desired;
    return new SandboxSnapshot.DeploymentState(
        ns,
        name,
        annotations == null
            ? 0
            : Long.parseLong(annotations.getOrDefault("deployment.kubernetes.io/revision", "0")),
        container.getImage(),
        templateAnnotations == null
            ? ""
            : templateAnnotations.getOrDefault("backstop.io/git-sha", ""),
        desired,
        updated,
        orZero(status.getReadyReplicas()),
        available,
        complete,
        simulator.traffic(ns, name).map(DeploymentTraffic::errorRatio).orElse(0.0));
  }

  private static SandboxSnapshot.StatefulSetState statefulSet(StatefulSet s, List<Pod> pods) {
    List<Pod> own =
        pods.stream()
            .filter(p -> p.getMetadata().getOwnerReferences() != null)
            .filter(
                p ->
                    p.getMetadata().getOwnerReferences().stream()
                        .anyMatch(r -> s.getMetadata().getUid().equals(r.getUid())))
            .toList();
    int restarts =
        own.stream()
            .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
            .flatMap(p -> p.getStatus().getContainerStatuses().stream())
            .mapToInt(ContainerStatus::getRestartCount)
            .sum();
    return new SandboxSnapshot.StatefulSetState(
        s.getMetadata().getNamespace(),
        s.getMetadata().getName(),
        s.getMetadata().getGeneration() == null ? 0 : s.getMetadata().getGeneration(),
        s.getStatus() == null || s.getStatus().getObservedGeneration() == null
            ? 0
            : s.getStatus().getObservedGeneration(),
        s.getStatus() == null ? 0 : orZero(s.getStatus().getReadyReplicas()),
        restarts,
        own.stream().map(p -> p.getMetadata().getUid()).sorted().toList());
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
