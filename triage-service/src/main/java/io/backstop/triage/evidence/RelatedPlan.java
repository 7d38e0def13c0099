package io.backstop.triage.evidence;

import io.backstop.events.signal.Revision;
import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.findings.Neighbourhood;
import io.backstop.triage.findings.NodeFindings;
import io.backstop.triage.findings.ReleaseTrains;
import io.backstop.triage.kubernetes.ConfigPresence;
import io.backstop.triage.kubernetes.HookMigrations;
import io.backstop.triage.kubernetes.NodeReads;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.kubernetes.PodUsage;
import io.backstop.triage.kubernetes.Rollouts;
import io.backstop.triage.kubernetes.Rollouts.ReadRevision;
import io.backstop.triage.kubernetes.WorkloadIndex;
import io.backstop.triage.metrics.ErrorSignal;
import io.backstop.triage.metrics.NamespaceMetrics;
import io.backstop.triage.metrics.PrometheusSettings;
import io.backstop.triage.metrics.Sample;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, from what was read, what triage looks at beyond the alerted workload: who owns which
 * pod, every Deployment's rollout history and current revision, the release trains, the nodes'
 * reports, how anomalous each workload of the namespace is by its own signals, and which related
 * workloads get evidence of their own (ranked and bounded by {@link Neighbourhood}).
 */
final class RelatedPlan {

  /** The plan for one gathering. */
  record Plan(
      WorkloadIndex index,
      Map<WorkloadRef, List<ReadRevision>> revisions,
      List<ReleaseTrains.Found> trains,
      List<NodeFindings.Found> nodes,
      Neighbourhood.Selection selection,
      Map<WorkloadRef, String> anomalies) {

    List<WorkloadRef> related() {
      return selection.chosen().stream().map(Neighbourhood.Chosen::workload).toList();
    }
  }

  private RelatedPlan() {}

  static Plan of(
      WorkloadRef target,
      ClusterReads reads,
      NamespaceMetrics metrics,
      GatheringLimits limits,
      PrometheusSettings prometheus,
      Instant now) {
    WorkloadIndex index =
        new WorkloadIndex(
            target.namespace(),
            reads.deployments(),
            reads.statefulSets(),
            reads.replicaSets(),
            reads.pods());
    Map<WorkloadRef, List<ReadRevision>> revisions = new LinkedHashMap<>();
    Map<WorkloadRef, Revision> current = new LinkedHashMap<>();
    ConfigPresence config = ConfigPresence.of(reads.configObjects(), reads.configListed());
    for (Deployment d : reads.deployments()) {
      List<ReadRevision> history =
          HookMigrations.apply(d, Rollouts.revisions(d, reads.replicaSets(), config), reads.jobs());
      if (!history.isEmpty()) {
        revisions.put(Rollouts.ref(d), history);
        history.stream()
            .map(ReadRevision::revision)
            .filter(Revision::current)
            .findFirst()
            .ifPresent(r -> current.put(Rollouts.ref(d), r));
      }
    }
    List<ReleaseTrains.Found> trains = ReleaseTrains.of(current);
    Duration window = limits.related().changeWindow();
    List<NodeFindings.Found> nodes = new ArrayList<>();
    for (NodeReads n : reads.nodes()) {
      nodes.add(NodeFindings.of(n, index::workloadOf, window, now));
    }
    Map<WorkloadRef, Long> memory = memoryByWorkload(index, reads.usage());
    Map<WorkloadRef, String> anomalies = new LinkedHashMap<>();
    List<Neighbourhood.Workload> workloads = new ArrayList<>();
    Neighbourhood.Workload targetView = null;
    for (Deployment d : reads.deployments()) {
      WorkloadRef ref = Rollouts.ref(d);
      Anomaly a = anomaly(ref, index.podsOf(ref), metrics, prometheus, now, window);
      if (a.score() > 0) {
        anomalies.put(ref, a.text());
      }
      Neighbourhood.Workload w =
          new Neighbourhood.Workload(
              ref,
              d.getSpec() == null ? null : d.getSpec().getTemplate(),
              annotations(d),
              a.score(),
              a.text(),
              memory.getOrDefault(ref, 0L));
      workloads.add(w);
      if (ref.equals(target)) {
        targetView = w;
      }
    }
    for (var s : reads.statefulSets()) {
      WorkloadRef ref =
          new WorkloadRef(
              WorkloadKind.STATEFULSET, s.getMetadata().getNamespace(), s.getMetadata().getName());
      Anomaly a = anomaly(ref, index.podsOf(ref), metrics, prometheus, now, window);
      if (a.score() > 0) {
        anomalies.put(ref, a.text());
      }
      PodTemplateSpec template = s.getSpec() == null ? null : s.getSpec().getTemplate();
      workloads.add(
          new Neighbourhood.Workload(
              ref, template, Map.of(), a.score(), a.text(), memory.getOrDefault(ref, 0L)));
    }
    if (targetView == null) {
      targetView = new Neighbourhood.Workload(target, null, Map.of(), 0, "", 0);
    }
    List<WorkloadRef> legs =
        trains.stream()
            .filter(t -> t.deployments().contains(target))
            .flatMap(t -> t.deployments().stream())
            .distinct()
            .toList();
    Map<WorkloadRef, String> onPressured = new LinkedHashMap<>();
    for (NodeFindings.Found n : nodes) {
      if (n.pressure().isEmpty() && !n.systemOom() && n.recentEvictions() == 0) {
        continue;
      }
      String why =
          "shares node "
              + n.name()
              + " ("
              + (n.pressure().isEmpty() ? "evictions" : String.join(", ", n.pressure()))
              + ")";
      n.workloads().keySet().forEach(w -> onPressured.putIfAbsent(w, why));
    }
    Neighbourhood.Selection selection =
        Neighbourhood.select(
            targetView,
            workloads,
            reads.services(),
            legs,
            onPressured,
            limits.related().maxWorkloads());
    return new Plan(index, revisions, trains, List.copyOf(nodes), selection, anomalies);
  }

  private static Map<String, String> annotations(Deployment d) {
    Map<String, String> out = new LinkedHashMap<>();
    if (d.getMetadata().getAnnotations() != null) {
      out.putAll(d.getMetadata().getAnnotations());
    }
    if (d.getSpec() != null
        && d.getSpec().getTemplate() != null
        && d.getSpec().getTemplate().getMetadata() != null
        && d.getSpec().getTemplate().getMetadata().getAnnotations() != null) {
      d.getSpec().getTemplate().getMetadata().getAnnotations().forEach(out::putIfAbsent);
    }
    return out;
  }

  private static Map<WorkloadRef, Long> memoryByWorkload(
      WorkloadIndex index, List<PodUsage> usage) {
    Map<String, WorkloadRef> podOwner = new LinkedHashMap<>();
    index
        .podsByWorkload()
        .forEach((ref, pods) -> pods.forEach(p -> podOwner.put(p.getMetadata().getName(), ref)));
    Map<WorkloadRef, Long> out = new LinkedHashMap<>();
    for (PodUsage u : usage) {
      WorkloadRef ref = podOwner.get(u.pod());
      if (ref != null) {
        out.merge(ref, u.memoryBytes(), Long::sum);
      }
    }
    return out;
  }

  /** How anomalous a workload's own signals are, and in what words. */
  record Anomaly(double score, String text) {}

  static Anomaly anomaly(
      WorkloadRef ref,
      List<Pod> pods,
      NamespaceMetrics metrics,
      PrometheusSettings prometheus,
      Instant now,
      Duration window) {
    double score = 0;
    List<String> why = new ArrayList<>();
    List<PodObservation> observed = pods.stream().map(PodObservation::of).toList();
    long live = observed.stream().filter(p -> !p.terminal()).count();
    long looping = observed.stream().filter(PodObservation::crashLooping).count();
    long oom = observed.stream().filter(p -> "OOMKilled".equals(p.lastTerminatedReason())).count();
    long evicted =
        observed.stream()
            .filter(PodObservation::evicted)
            .filter(p -> p.createdAt() == null || !p.createdAt().isBefore(now.minus(window)))
            .count();
    long notReady =
        observed.stream().filter(p -> !p.terminal() && !p.ready() && !p.crashLooping()).count();
    long restarted = observed.stream().filter(p -> !p.terminal() && p.restarts() > 0).count();
    if (looping > 0) {
      score += 3;
      why.add(looping + " of " + live + " pods in CrashLoopBackOff");
    }
    if (oom > 0) {
      score += 2;
      why.add(oom + " pods last terminated OOMKilled");
    }
    if (evicted > 0) {
      score += 2;
      why.add(evicted + " pods evicted");
    }
    if (notReady > 0) {
      score += 1;
      why.add(notReady + " pods not ready");
    }
    if (restarted > 0 && looping == 0 && oom == 0) {
      score += 1;
      why.add(restarted + " pods restarted");
    }
    Optional<NamespaceMetrics.WorkloadMetrics> m =
        ref.kind() == WorkloadKind.DEPLOYMENT ? metrics.of(ref.name()) : Optional.empty();
    if (m.isPresent()) {
      Optional<ErrorSignal> errors = m.get().errorSignal();
      if (errors.isPresent() && errors.get().anomalous()) {
        score += 3;
        why.add("error signal " + errors.get().describe());
      }
      double peak =
          m.get().memoryRatio().stream()
              .mapToDouble(Sample::value)
              .filter(v -> !Double.isNaN(v))
              .max()
              .orElse(0);
      if (peak >= prometheus.memoryLimitThreshold()) {
        score += 2;
        why.add(String.format(Locale.ROOT, "memory peaked at %.0f%% of its limit", peak * 100));
      }
      if (ResourcePressure.grewBy(m.get().memory(), prometheus.memoryGrowthFactor())) {
        score += 2;
        why.add(
            "memory working set grew by a factor of at least " + prometheus.memoryGrowthFactor());
      }
    }
    return new Anomaly(score, String.join("; ", why));
  }
}
