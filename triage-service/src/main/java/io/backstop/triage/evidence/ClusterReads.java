package io.backstop.triage.evidence;

import io.backstop.events.signal.ConfigChange.ConfigKind;
import io.backstop.triage.kubernetes.NodeReads;
import io.backstop.triage.kubernetes.ObjectChange;
import io.backstop.triage.kubernetes.PodUsage;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What was read from the cluster for one incident: the namespace's workloads, ReplicaSets, pods,
 * events, Services and HorizontalPodAutoscalers, the metadata of its Secrets and ConfigMaps (and
 * which of the two kinds were listed in full, so a name not listed is known to be absent), every
 * pod's usage, the nodes the alerted workload runs on, the namespace's Jobs (null when they could
 * not be listed: Helm hook migrations are then unknown), and the log tails read (of the alerted
 * workload's pods, then of the related workloads'). A source that failed is simply empty here (and
 * named in the missing sources).
 */
record ClusterReads(
    Optional<Deployment> target,
    List<Deployment> deployments,
    List<StatefulSet> statefulSets,
    List<ReplicaSet> replicaSets,
    List<Pod> pods,
    List<Event> events,
    List<LogExcerpt> logs,
    List<PodUsage> usage,
    List<Service> services,
    List<ObjectChange> configObjects,
    Set<ConfigKind> configListed,
    List<NodeReads> nodes,
    List<HorizontalPodAutoscaler> autoscalers,
    List<NetworkPolicy> networkPolicies,
    List<PersistentVolumeClaim> claims,
    List<Job> jobs) {

  ClusterReads {
    deployments = List.copyOf(deployments);
    statefulSets = List.copyOf(statefulSets);
    replicaSets = List.copyOf(replicaSets);
    pods = List.copyOf(pods);
    events = List.copyOf(events);
    logs = List.copyOf(logs);
    usage = List.copyOf(usage);
    services = List.copyOf(services);
    configObjects = List.copyOf(configObjects);
    configListed = Set.copyOf(configListed);
    nodes = List.copyOf(nodes);
    autoscalers = List.copyOf(autoscalers);
    networkPolicies = List.copyOf(networkPolicies);
    claims = claims == null ? null : List.copyOf(claims);
    jobs = jobs == null ? null : List.copyOf(jobs);
  }

  ClusterReads(
      Optional<Deployment> target,
      List<Deployment> deployments,
      List<StatefulSet> statefulSets,
      List<ReplicaSet> replicaSets,
      List<Pod> pods,
      List<Event> events,
      List<LogExcerpt> logs) {
    this(
        target,
        deployments,
        statefulSets,
        replicaSets,
        pods,
        events,
        logs,
        List.of(),
        List.of(),
        List.of(),
        Set.of(),
        List.of(),
        List.of(),
        List.of(),
        null,
        null);
  }

  static ClusterReads empty() {
    return new ClusterReads(
        Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  ClusterReads withLogs(List<LogExcerpt> more) {
    List<LogExcerpt> all = new java.util.ArrayList<>(logs);
    all.addAll(more);
    return new ClusterReads(
        target,
        deployments,
        statefulSets,
        replicaSets,
        pods,
        events,
        all,
        usage,
        services,
        configObjects,
        configListed,
        nodes,
        autoscalers,
        networkPolicies,
        claims,
        jobs);
  }
}
