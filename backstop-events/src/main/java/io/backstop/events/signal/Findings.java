package io.backstop.events.signal;

import io.backstop.events.Require;
import java.util.List;

/**
 * What triage found beyond the alerted workload's own pods and history: related workloads (the
 * cause is often not the victim), the nodes its pods run on, release trains, pods that differ from
 * their template, Secrets or ConfigMaps changed under running pods, and replica changes not made by
 * Backstop. Every list may be empty; {@link #NONE} is "nothing found or not gathered".
 */
public record Findings(
    List<RelatedWorkload> related,
    List<NodeReport> nodes,
    List<ReleaseTrain> releaseTrains,
    List<TemplateDrift> drift,
    List<ConfigChange> configChanges,
    List<ReplicaChange> replicaChanges) {

  public static final Findings NONE =
      new Findings(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  public Findings {
    related = Require.list(related);
    nodes = Require.list(nodes);
    releaseTrains = Require.list(releaseTrains);
    drift = Require.list(drift);
    configChanges = Require.list(configChanges);
    replicaChanges = Require.list(replicaChanges);
  }

  /** The release trains the Deployment is a leg of. */
  public List<ReleaseTrain> trainsOf(WorkloadRef deployment) {
    return releaseTrains.stream().filter(t -> t.includes(deployment)).toList();
  }

  public List<TemplateDrift> driftOf(WorkloadRef workload) {
    return drift.stream().filter(d -> d.workload().equals(workload)).toList();
  }

  public List<ConfigChange> configChangesOf(WorkloadRef workload) {
    return configChanges.stream().filter(c -> c.workload().equals(workload)).toList();
  }

  public List<ReplicaChange> replicaChangesOf(WorkloadRef workload) {
    return replicaChanges.stream().filter(c -> c.workload().equals(workload)).toList();
  }
}
