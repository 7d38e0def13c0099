package io.backstop.triage.evidence;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Optional;

/** What was read from the cluster for one incident; a source that failed is simply empty here. */
record ClusterReads(
    Optional<Deployment> target,
    List<Deployment> deployments,
    List<StatefulSet> statefulSets,
    List<ReplicaSet> replicaSets,
    List<Pod> pods,
    List<Event> events,
    List<LogExcerpt> logs) {

  static ClusterReads empty() {
    return new ClusterReads(
        Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
