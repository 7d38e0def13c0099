package io.backstop.triage.evidence;

import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.kubernetes.PodUsage;
import io.backstop.triage.kubernetes.ReadOnlyCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * Reads the cluster for one target through the read-only facade: first the independent lists in
 * parallel, then the target's pods and their usage from the metrics API (they need its selector),
 * then the log tails of the pods most likely to explain the incident. Each read is a named source
 * with its own timeout.
 */
final class ClusterReader {

  private final ReadOnlyCluster cluster;
  private final GatheringLimits limits;

  ClusterReader(ReadOnlyCluster cluster, GatheringLimits limits) {
    this.cluster = cluster;
    this.limits = limits;
  }

  ClusterReads read(WorkloadRef target, SourceCalls calls) {
    String ns = target.namespace();
    Future<Optional<Deployment>> deployment =
        calls.start(
            () ->
                target.kind() == WorkloadKind.DEPLOYMENT
                    ? cluster.getDeployment(ns, target.name())
                    : Optional.empty());
    Future<List<Deployment>> deployments = calls.start(() -> cluster.listDeployments(ns));
    Future<List<StatefulSet>> statefulSets = calls.start(() -> cluster.listStatefulSets(ns));
    Future<List<ReplicaSet>> replicaSets = calls.start(() -> cluster.listReplicaSets(ns));
    Future<List<Event>> events = calls.start(() -> cluster.listEvents(ns));
    Optional<Deployment> found = calls.await("kubernetes.deployment", deployment).flatMap(d -> d);
    List<StatefulSet> sets = calls.await("kubernetes.statefulsets", statefulSets).orElse(List.of());
    Optional<Map<String, String>> selector = selector(target, found, sets);
    List<Pod> pods = List.of();
    List<PodMetrics> metrics = List.of();
    if (selector.isPresent()) {
      Future<List<PodMetrics>> usage =
          calls.start(() -> cluster.listPodMetrics(ns, selector.get()));
      pods =
          calls
              .call("kubernetes.pods", () -> cluster.listPods(ns, selector.get()))
              .orElse(List.of());
      metrics = calls.await("kubernetes.pod-metrics", usage).orElse(List.of());
    } else {
      calls.skipped("kubernetes.pods", "no " + target + " with a label selector was found");
    }
    List<Pod> chosen = mostTelling(pods, limits.maxPods());
    return new ClusterReads(
        found,
        calls.await("kubernetes.deployments", deployments).orElse(List.of()),
        sets,
        calls.await("kubernetes.replicasets", replicaSets).orElse(List.of()),
        chosen,
        calls.await("kubernetes.events", events).orElse(List.of()),
        logs(ns, chosen, calls),
        usage(metrics, pods, limits.maxPods()));
  }

  /**
   * Each pod's usage beside its limits, for the pods the metrics API knows, at most {@code max}.
   */
  static List<PodUsage> usage(List<PodMetrics> metrics, List<Pod> pods, int max) {
    return metrics.stream()
        .filter(m -> m.getMetadata() != null && m.getMetadata().getName() != null)
        .map(
            m ->
                PodUsage.of(
                    m,
                    pods.stream()
                        .filter(p -> m.getMetadata().getName().equals(p.getMetadata().getName()))
                        .findFirst()))
        .sorted(Comparator.comparing(PodUsage::pod))
        .limit(max)
        .toList();
  }

  private static Optional<Map<String, String>> selector(
      WorkloadRef target, Optional<Deployment> deployment, List<StatefulSet> sets) {
    Optional<LabelSelector> selector = deployment.map(d -> d.getSpec().getSelector());
    if (target.kind() == WorkloadKind.STATEFULSET) {
      selector =
          sets.stream()
              .filter(s -> s.getMetadata().getName().equals(target.name()))
              .findFirst()
              .map(s -> s.getSpec().getSelector());
    }
    return selector.map(LabelSelector::getMatchLabels).filter(m -> m != null && !m.isEmpty());
  }

  /** Unhealthy pods first, then by name, at most {@code max}. */
  static List<Pod> mostTelling(List<Pod> pods, int max) {
    return pods.stream()
        .sorted(
            Comparator.comparing((Pod p) -> !PodObservation.of(p).unhealthy())
                .thenComparing(p -> p.getMetadata().getName()))
        .limit(max)
        .toList();
  }

  private List<LogExcerpt> logs(String ns, List<Pod> pods, SourceCalls calls) {
    List<LogExcerpt> logs = new ArrayList<>();
    for (Pod pod : pods.subList(0, Math.min(limits.maxLogPods(), pods.size()))) {
      PodObservation p = PodObservation.of(pod);
      boolean previous = p.restarts() > 0 && (p.crashLooping() || !p.ready());
      String source = "kubernetes.logs/" + p.name();
      calls
          .call(
              source,
              () ->
                  cluster.readLog(
                      ns, p.name(), p.container(), previous, limits.logLines(), limits.logBytes()))
          .ifPresent(text -> logs.add(new LogExcerpt(p.name(), p.container(), previous, text)));
    }
    return logs;
  }
}
