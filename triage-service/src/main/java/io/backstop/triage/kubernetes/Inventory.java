package io.backstop.triage.kubernetes;

import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;

/** The namespace's workloads, with the labels the action gate reads for protection. */
public final class Inventory {

  private Inventory() {}

  public static List<Workload> of(List<Deployment> deployments, List<StatefulSet> statefulSets) {
    List<Workload> workloads = new ArrayList<>();
    for (Deployment d : deployments) {
      workloads.add(
          new Workload(
              Rollouts.ref(d),
              nonNull(d.getSpec() == null ? null : d.getSpec().getReplicas()),
              nonNull(d.getStatus() == null ? null : d.getStatus().getReadyReplicas()),
              d.getMetadata().getLabels()));
    }
    for (StatefulSet s : statefulSets) {
      workloads.add(
          new Workload(
              new WorkloadRef(
                  WorkloadKind.STATEFULSET,
                  s.getMetadata().getNamespace(),
                  s.getMetadata().getName()),
              nonNull(s.getSpec() == null ? null : s.getSpec().getReplicas()),
              nonNull(s.getStatus() == null ? null : s.getStatus().getReadyReplicas()),
              s.getMetadata().getLabels()));
    }
    return List.copyOf(workloads);
  }

  private static int nonNull(Integer value) {
    return value == null ? 0 : Math.max(0, value);
  }
}
