package io.backstop.triage.evidence;

import io.backstop.triage.kubernetes.PodUsage;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Optional;

/**
 * What was read from the cluster for one incident, with the pods' usage from the metrics API; a
 * source that failed is simply empty here (and named in the missing sources).
 */
record ClusterReads(
    Optional<Deployment> target,
    List<Deployment> deployments,
    List<StatefulSet> statefulSets,
    List<ReplicaSet> replicaSets,
    List<Pod> pods,
    List<Event> events,
    List<LogExcerpt> logs,
    List<PodUsage> usage) {

  ClusterReads(
      Optional<Deployment> target,
      List<Deployment> deployments,
      List<StatefulSet> statefulSets,
      List<ReplicaSet> replicaSets,
      List<Pod> pods,
      List<Event> events,
      List<LogExcerpt> logs) {
    this(target, deployments, statefulSets, replicaSets, pods, events, logs, List.of());
  }

  static ClusterReads empty() {
    return new ClusterReads(
        Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
