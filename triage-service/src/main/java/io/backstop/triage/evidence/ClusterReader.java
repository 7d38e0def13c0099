package io.backstop.triage.evidence;

import io.backstop.events.signal.ConfigChange.ConfigKind;
import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.kubernetes.NodeReads;
import io.backstop.triage.kubernetes.ObjectChange;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.kubernetes.PodUsage;
import io.backstop.triage.kubernetes.ReadOnlyCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Reads the cluster for one target through the read-only facade, each read a named source with its
 * own timeout: first the namespace's lists in parallel (workloads, ReplicaSets, every pod, events,
 * Services, HorizontalPodAutoscalers, the metadata of Secrets and ConfigMaps, every pod's usage),
 * then, all started at once, the reads of the nodes the target's pods run on (the node, the pods of
 * every namespace on it, its events, its usage) and the log tails of the pods most likely to
 * explain the incident. Reads beyond the target's own are bounded by the API-call budget; what it
 * refuses is named.
 */
final class ClusterReader {

  private final ReadOnlyCluster cluster;
  private final GatheringLimits limits;
  private final AtomicInteger apiCalls;
  private final List<String> skipped;

  ClusterReader(
      ReadOnlyCluster cluster,
      GatheringLimits limits,
      AtomicInteger apiCalls,
      List<String> skipped) {
    this.cluster = cluster;
    this.limits = limits;
    this.apiCalls = apiCalls;
    this.skipped = skipped;
  }

  ClusterReads read(WorkloadRef target, SourceCalls calls) {
    String ns = target.namespace();
    GatheringLimits.Related related = limits.related();
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
    Future<List<Pod>> allPods = calls.start(() -> cluster.listPods(ns, related.maxNamespacePods()));
    Future<List<Service>> services = calls.start(() -> cluster.listServices(ns));
    Future<List<HorizontalPodAutoscaler>> autoscalers =
        calls.start(() -> cluster.listAutoscalers(ns));
    Future<List<NetworkPolicy>> networkPolicies =
        calls.start(() -> cluster.listNetworkPolicies(ns));
    Future<List<PersistentVolumeClaim>> claims =
        calls.start(() -> cluster.listPersistentVolumeClaims(ns));
    Future<List<Job>> jobs = calls.start(() -> cluster.listJobs(ns));
    Future<List<PodMetrics>> usage = calls.start(() -> cluster.listPodMetrics(ns));
    Future<List<ObjectChange>> secrets = null;
    Future<List<ObjectChange>> configMaps = null;
    if (related.configMetadata()) {
      secrets = calls.start(() -> cluster.listConfigMetadata(ns, ConfigKind.SECRET));
      configMaps = calls.start(() -> cluster.listConfigMetadata(ns, ConfigKind.CONFIG_MAP));
    } else {
      skipped.add("secret and configmap metadata: turned off (related.config-metadata=false)");
    }
    Optional<Deployment> found = calls.await("kubernetes.deployment", deployment).flatMap(d -> d);
    List<StatefulSet> sets = calls.await("kubernetes.statefulsets", statefulSets).orElse(List.of());
    List<Pod> pods = calls.await("kubernetes.pods", allPods).orElse(List.of());
    if (pods.size() >= related.maxNamespacePods()) {
      skipped.add(
          "pods of namespace "
              + ns
              + ": only the first "
              + related.maxNamespacePods()
              + " were read (related.max-namespace-pods)");
    }
    Optional<Map<String, String>> selector = selector(target, found, sets);
    List<Pod> targetPods =
        selector.map(s -> pods.stream().filter(p -> matches(p, s)).toList()).orElse(List.of());
    if (selector.isEmpty()) {
      calls.skipped("kubernetes.pods", "no " + target + " with a label selector was found");
    }
    List<Pod> chosen = mostTelling(targetPods, limits.maxPods());
    // The target's log tails and its nodes' reads need only the pods: all of them start now.
    Supplier<List<LogExcerpt>> targetLogs = startLogs(ns, chosen, limits.maxLogPods(), calls);
    Supplier<List<NodeReads>> nodes = startNodes(targetPods, calls);
    List<PodMetrics> metrics = calls.await("kubernetes.pod-metrics", usage).orElse(List.of());
    List<ObjectChange> config = new ArrayList<>();
    Set<ConfigKind> listed = EnumSet.noneOf(ConfigKind.class);
    if (secrets != null) {
      calls
          .await("kubernetes.secrets-metadata", secrets)
          .ifPresent(
              l -> {
                config.addAll(l);
                listed.add(ConfigKind.SECRET);
              });
      calls
          .await("kubernetes.configmaps-metadata", configMaps)
          .ifPresent(
              l -> {
                config.addAll(l);
                listed.add(ConfigKind.CONFIG_MAP);
              });
    }
    return new ClusterReads(
        found,
        calls.await("kubernetes.deployments", deployments).orElse(List.of()),
        sets,
        calls.await("kubernetes.replicasets", replicaSets).orElse(List.of()),
        pods,
        calls.await("kubernetes.events", events).orElse(List.of()),
        targetLogs.get(),
        usage(metrics, pods, Integer.MAX_VALUE),
        calls.await("kubernetes.services", services).orElse(List.of()),
        config,
        listed,
        nodes.get(),
        calls.await("kubernetes.autoscalers", autoscalers).orElse(List.of()),
        calls.await("kubernetes.networkpolicies", networkPolicies).orElse(List.of()),
        calls.await("kubernetes.persistentvolumeclaims", claims).orElse(null),
        calls.await("kubernetes.jobs", jobs).orElse(null));
  }

  /**
   * Starts the reads of the nodes the target's pods run on, at most {@code maxNodes}, the busiest
   * first, every node's at once; the supplier awaits them.
   */
  private Supplier<List<NodeReads>> startNodes(List<Pod> targetPods, SourceCalls calls) {
    GatheringLimits.Related related = limits.related();
    if (!related.nodes()) {
      skipped.add("nodes: turned off (related.nodes=false)");
      return List::of;
    }
    Map<String, Long> byNode =
        targetPods.stream()
            .map(p -> p.getSpec() == null ? null : p.getSpec().getNodeName())
            .filter(n -> n != null && !n.isBlank())
            .collect(
                java.util.stream.Collectors.groupingBy(
                    n -> n, java.util.LinkedHashMap::new, java.util.stream.Collectors.counting()));
    List<String> names =
        byNode.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .map(Map.Entry::getKey)
            .toList();
    List<String> read = names.subList(0, Math.min(related.maxNodes(), names.size()));
    names
        .subList(read.size(), names.size())
        .forEach(
            n -> skipped.add("node " + n + ": over the " + related.maxNodes() + "-node bound"));
    List<Supplier<NodeReads>> started = new ArrayList<>();
    for (String node : read) {
      if (!takeCalls(4, "node " + node)) {
        continue;
      }
      Future<Optional<Node>> n = calls.start(() -> cluster.getNode(node));
      Future<List<Pod>> pods =
          calls.start(() -> cluster.listPodsOnNode(node, related.maxNamespacePods()));
      Future<List<Event>> events = calls.start(() -> cluster.listNodeEvents(node));
      Future<Optional<NodeMetrics>> usage = calls.start(() -> cluster.getNodeMetrics(node));
      started.add(
          () ->
              new NodeReads(
                  node,
                  calls.await("kubernetes.node/" + node, n).flatMap(x -> x),
                  calls.await("kubernetes.node-pods/" + node, pods).orElse(List.of()),
                  calls.await("kubernetes.node-events/" + node, events).orElse(List.of()),
                  calls.await("kubernetes.node-metrics/" + node, usage).flatMap(x -> x)));
    }
    return () -> started.stream().map(Supplier::get).toList();
  }

  /**
   * Starts the log tails of a related workload's most telling pods, within the API-call budget; the
   * supplier awaits them. Every related workload's reads are started before any is awaited.
   */
  Supplier<List<LogExcerpt>> startRelatedLogs(
      WorkloadRef workload, List<Pod> pods, SourceCalls calls) {
    int max = limits.related().logPodsPerWorkload();
    List<Pod> chosen =
        mostTelling(pods.stream().filter(p -> !PodObservation.of(p).terminal()).toList(), max);
    if (chosen.isEmpty() || !takeCalls(chosen.size(), "log tails of " + workload)) {
      return List::of;
    }
    return startLogs(workload.namespace(), chosen, max, calls);
  }

  private boolean takeCalls(int n, String what) {
    int max = limits.related().maxApiCalls();
    if (apiCalls.get() + n > max) {
      skipped.add(what + ": over the " + max + "-call bound");
      return false;
    }
    apiCalls.addAndGet(n);
    return true;
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

  private static boolean matches(Pod pod, Map<String, String> selector) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels != null
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
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

  /** Unhealthy pods first (evicted ones last), then by name, at most {@code max}. */
  static List<Pod> mostTelling(List<Pod> pods, int max) {
    return pods.stream()
        .sorted(
            Comparator.comparing((Pod p) -> PodObservation.of(p).terminal())
                .thenComparing(p -> !PodObservation.of(p).unhealthy())
                .thenComparing(p -> p.getMetadata().getName()))
        .limit(max)
        .toList();
  }

  /** The log reads of up to {@code max} running pods, started now; the supplier awaits them. */
  private Supplier<List<LogExcerpt>> startLogs(
      String ns, List<Pod> pods, int max, SourceCalls calls) {
    List<Pod> chosen = running(pods, max);
    List<Future<String>> reads = new ArrayList<>();
    for (Pod pod : chosen) {
      reads.add(startLog(ns, pod, calls));
    }
    return () -> {
      List<LogExcerpt> logs = new ArrayList<>();
      for (int i = 0; i < chosen.size(); i++) {
        collect(calls, chosen.get(i), reads.get(i), logs);
      }
      return logs;
    };
  }

  private static List<Pod> running(List<Pod> pods, int max) {
    List<Pod> running = pods.stream().filter(p -> !PodObservation.of(p).terminal()).toList();
    return running.subList(0, Math.min(max, running.size()));
  }

  private Future<String> startLog(String ns, Pod pod, SourceCalls calls) {
    PodObservation p = PodObservation.of(pod);
    boolean previous = previous(p);
    return calls.start(
        () ->
            cluster.readLog(
                ns, p.name(), p.container(), previous, limits.logLines(), limits.logBytes()));
  }

  private static void collect(
      SourceCalls calls, Pod pod, Future<String> read, List<LogExcerpt> logs) {
    PodObservation p = PodObservation.of(pod);
    calls
        .await("kubernetes.logs/" + p.name(), read)
        .ifPresent(text -> logs.add(new LogExcerpt(p.name(), p.container(), previous(p), text)));
  }

  private static boolean previous(PodObservation p) {
    return p.restarts() > 0 && (p.crashLooping() || !p.ready());
  }
}
