package io.backstop.triage.evidence;

import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.Autoscaler;
import io.backstop.events.signal.ConfigChange;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.Findings;
import io.backstop.events.signal.NetworkPolicyChange;
import io.backstop.events.signal.NodeReport;
import io.backstop.events.signal.RelatedWorkload;
import io.backstop.events.signal.ReleaseTrain;
import io.backstop.events.signal.ReplicaChange;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.TemplateDrift;
import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.findings.Autoscalers;
import io.backstop.triage.findings.ConfigChanges;
import io.backstop.triage.findings.Drift;
import io.backstop.triage.findings.Neighbourhood;
import io.backstop.triage.findings.NetworkPolicies;
import io.backstop.triage.findings.NodeFindings;
import io.backstop.triage.findings.ReleaseTrains;
import io.backstop.triage.findings.ReplicaChanges;
import io.backstop.triage.kubernetes.EventObservation;
import io.backstop.triage.kubernetes.PodObservation;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the evidence of what surrounds the workloads with evidence — the Secrets and ConfigMaps
 * they reference that changed, their replica changes, their pods' drift from the template, the
 * nodes the alerted workload runs on, the release trains, the HorizontalPodAutoscalers that own
 * their replicas — each item naming the workload (or node) it is about, and turns it into the
 * {@link Findings} of the SignalsGathered.
 */
final class SurroundingsWriter {

  private final EvidenceLedger ledger;
  private final Instant now;

  SurroundingsWriter(EvidenceLedger ledger, Instant now) {
    this.ledger = ledger;
    this.now = now;
  }

  /** The findings written, each cited by the id of its item. */
  record Written(
      GatheringLimits limits,
      Map<WorkloadRef, List<Cited<ConfigChanges.Found>>> config,
      Map<WorkloadRef, List<Cited<ReplicaChanges.Found>>> replicas,
      Map<WorkloadRef, List<Cited<Drift.Found>>> drift,
      List<Cited<NodeFindings.Found>> nodes,
      List<Cited<ReleaseTrains.Found>> trains,
      List<Cited<Autoscalers.Found>> autoscalers,
      List<Cited<NetworkPolicies.Found>> networkPolicies,
      double memoryLimitThreshold) {

    /**
     * AUTOSCALER_AT_MAX for each HPA of the workload pinned at its maximum, citing the HPA's item:
     * since the HPA's ScalingLimited condition turned true, else now.
     */
    List<Symptom> autoscalerSymptoms(WorkloadRef ref, Instant now) {
      return autoscalers.stream()
          .filter(a -> a.value().workload().equals(ref) && a.value().atMax())
          .map(
              a ->
                  new Symptom(
                      SymptomKind.AUTOSCALER_AT_MAX,
                      ref,
                      a.value().limitedSince() == null ? now : a.value().limitedSince(),
                      a.id().stream().toList(),
                      "HPA "
                          + a.value().name()
                          + " runs its maximum of "
                          + a.value().maxReplicas()
                          + " replicas and wants more"
                          + (a.value().detail().isEmpty() ? "" : " (" + a.value().detail() + ")")
                          + ": only its owners can raise the maximum"))
          .toList();
    }

    SymptomContext.Surroundings surroundings(
        WorkloadRef ref,
        WorkloadAssembly.Assembled a,
        Map<WorkloadRef, List<Symptom>> dependencies) {
      List<String> podNodes =
          a.observations().pods().stream()
              .map(p -> p.value().node())
              .filter(n -> n != null)
              .distinct()
              .toList();
      return new SymptomContext.Surroundings(
          ref,
          WorkloadAssembly.onsetOf(a, a.symptoms()),
          a.observations().pods(),
          a.observations().logs(),
          a.observations().usage(),
          config.getOrDefault(ref, List.of()),
          replicas.getOrDefault(ref, List.of()),
          drift.getOrDefault(ref, List.of()),
          nodes.stream().filter(n -> podNodes.contains(n.value().name())).toList(),
          dependencies,
          memoryLimitThreshold);
    }

    Findings findings(
        RelatedPlan.Plan plan,
        Map<WorkloadRef, WorkloadAssembly.Assembled> others,
        List<WorkloadRef> withEvidence) {
      List<RelatedWorkload> related = new ArrayList<>();
      for (Neighbourhood.Chosen c : plan.selection().chosen()) {
        List<EvidenceId> ids = new ArrayList<>();
        WorkloadAssembly.Assembled a = others.get(c.workload());
        if (a != null) {
          ids.addAll(a.ids());
        }
        ids.addAll(idsAbout(c.workload()));
        related.add(
            new RelatedWorkload(
                c.workload(), c.relation(), c.via(), ids.stream().distinct().toList()));
      }
      List<NodeReport> nodeReports =
          nodes.stream()
              .map(
                  n ->
                      new NodeReport(
                          n.value().name(),
                          n.value().systemOom() && !n.value().pressure().contains("MemoryPressure")
                              ? append(n.value().pressure(), "SystemOOM")
                              : n.value().pressure(),
                          n.value().allocatableMemory(),
                          n.value().requestedMemory(),
                          n.value().recentEvictions(),
                          List.copyOf(n.value().workloads().keySet()),
                          n.id().stream().toList(),
                          n.value().problems()))
              .toList();
      List<ReleaseTrain> releaseTrains =
          trains.stream()
              .map(
                  t ->
                      new ReleaseTrain(
                          t.value().build(), t.value().deployments(), t.value().since()))
              .toList();
      List<TemplateDrift> drifts = new ArrayList<>();
      drift
          .values()
          .forEach(
              list ->
                  list.forEach(
                      d ->
                          drifts.add(
                              new TemplateDrift(
                                  d.value().workload(),
                                  d.value().pod(),
                                  d.value().container(),
                                  d.value().dimension(),
                                  d.value().template(),
                                  d.value().running(),
                                  d.value().changedBy(),
                                  d.id().orElse(null)))));
      List<ConfigChange> configChanges = new ArrayList<>();
      config
          .values()
          .forEach(
              list ->
                  list.forEach(
                      c ->
                          configChanges.add(
                              new ConfigChange(
                                  c.value().workload(),
                                  c.value().kind(),
                                  c.value().name(),
                                  c.value().changedAt(),
                                  c.value().oldestPodStart(),
                                  c.id().orElse(null),
                                  List.copyOf(c.value().modes()),
                                  c.value().writer()))));
      List<ReplicaChange> replicaChanges = new ArrayList<>();
      replicas
          .values()
          .forEach(
              list ->
                  list.forEach(
                      r ->
                          replicaChanges.add(
                              new ReplicaChange(
                                  r.value().workload(),
                                  r.value().from(),
                                  r.value().to(),
                                  r.value().at(),
                                  r.value().by(),
                                  r.value().byBackstop(),
                                  r.id().orElse(null)))));
      List<Autoscaler> hpas =
          autoscalers.stream()
              .map(
                  a ->
                      new Autoscaler(
                          a.value().name(),
                          a.value().workload(),
                          a.value().minReplicas(),
                          a.value().maxReplicas(),
                          a.value().currentReplicas(),
                          a.value().desiredReplicas(),
                          a.value().scalingLimited(),
                          a.value().atMax(),
                          a.value().detail(),
                          a.id().orElse(null)))
              .toList();
      List<NetworkPolicyChange> policies =
          networkPolicies.stream()
              .map(
                  n ->
                      new NetworkPolicyChange(
                          n.value().workload(),
                          n.value().name(),
                          n.value().createdAt(),
                          n.value().changedAt(),
                          n.value().generation(),
                          n.value().restrictsEgress(),
                          n.value().allowsDns(),
                          n.value().changedBy(),
                          n.id().orElse(null)))
              .toList();
      return new Findings(
          related,
          nodeReports,
          releaseTrains,
          drifts,
          configChanges,
          replicaChanges,
          hpas,
          policies);
    }

    private List<EvidenceId> idsAbout(WorkloadRef ref) {
      List<EvidenceId> ids = new ArrayList<>();
      config.getOrDefault(ref, List.of()).forEach(c -> c.id().ifPresent(ids::add));
      replicas.getOrDefault(ref, List.of()).forEach(c -> c.id().ifPresent(ids::add));
      drift.getOrDefault(ref, List.of()).forEach(c -> c.id().ifPresent(ids::add));
      autoscalers.stream()
          .filter(a -> a.value().workload().equals(ref))
          .forEach(a -> a.id().ifPresent(ids::add));
      return ids;
    }

    private static List<String> append(List<String> list, String more) {
      List<String> out = new ArrayList<>(list);
      out.add(more);
      return out;
    }
  }

  Written write(WorkloadRef target, RelatedPlan.Plan plan, WorkloadAssembly assembly) {
    List<WorkloadRef> withEvidence = new ArrayList<>();
    withEvidence.add(target);
    withEvidence.addAll(plan.related());
    GatheringLimits limits = assembly.limits();
    Map<WorkloadRef, List<Cited<ConfigChanges.Found>>> config = new LinkedHashMap<>();
    Map<WorkloadRef, List<Cited<ReplicaChanges.Found>>> replicas = new LinkedHashMap<>();
    Map<WorkloadRef, List<Cited<Drift.Found>>> drift = new LinkedHashMap<>();
    for (WorkloadRef ref : withEvidence) {
      if (!ref.namespace().equals(plan.index().namespace())) {
        continue;
      }
      Optional<PodSpec> template = templateOf(ref, plan);
      List<PodObservation> pods = assembly.podsOf(ref).stream().map(PodObservation::of).toList();
      List<Cited<ConfigChanges.Found>> c = new ArrayList<>();
      template.ifPresent(
          spec ->
              ConfigChanges.of(
                      ref,
                      spec,
                      pods,
                      assembly.reads().configObjects(),
                      limits.related().changeWindow(),
                      now)
                  .forEach(
                      f ->
                          c.add(
                              Cited.of(
                                  f,
                                  ledger.add(
                                      EvidenceKind.CONFIG,
                                      "kubernetes",
                                      ref,
                                      f.subject(),
                                      f.changedAt(),
                                      f.text(),
                                      false)))));
      config.put(ref, c);
      if (ref.kind() == WorkloadKind.DEPLOYMENT) {
        Optional<Deployment> d = plan.index().deployment(ref.name());
        List<Cited<ReplicaChanges.Found>> r = new ArrayList<>();
        d.ifPresent(
            dep ->
                ReplicaChanges.of(
                        ref,
                        dep,
                        plan.index().eventsOf(ref, assembly.reads().events()).stream()
                            .map(EventObservation::of)
                            .toList(),
                        limits.related().backstopFieldManagers(),
                        limits.related().changeWindow(),
                        now)
                    .forEach(
                        f ->
                            r.add(
                                Cited.of(
                                    f,
                                    ledger.add(
                                        EvidenceKind.EVENT,
                                        "kubernetes",
                                        ref,
                                        "deployment/" + ref.name(),
                                        f.at(),
                                        f.text(),
                                        false)))));
        replicas.put(ref, r);
        List<Cited<Drift.Found>> dr = new ArrayList<>();
        Drift.of(ref, assembly.podsOf(ref), plan.index().replicaSetsOf(ref))
            .forEach(
                f ->
                    dr.add(
                        Cited.of(
                            f,
                            ledger.add(
                                EvidenceKind.POD,
                                "kubernetes",
                                ref,
                                "pod/" + f.pod(),
                                now,
                                f.text(),
                                true))));
        drift.put(ref, dr);
      }
    }
    List<Cited<NodeFindings.Found>> nodes = new ArrayList<>();
    for (NodeFindings.Found n : plan.nodes()) {
      nodes.add(
          Cited.of(
              n,
              ledger.add(
                  EvidenceKind.NODE,
                  "kubernetes",
                  null,
                  n.name(),
                  "node/" + n.name(),
                  now,
                  n.text(),
                  false)));
    }
    List<Cited<ReleaseTrains.Found>> trains = new ArrayList<>();
    for (ReleaseTrains.Found t : plan.trains()) {
      Optional<WorkloadRef> about =
          t.deployments().stream().filter(withEvidence::contains).findFirst();
      if (about.isEmpty()) {
        continue;
      }
      trains.add(
          Cited.of(
              t,
              ledger.add(
                  EvidenceKind.ROLLOUT,
                  "kubernetes",
                  about.get(),
                  "release/" + t.build(),
                  t.since(),
                  t.text(),
                  false)));
    }
    List<Cited<Autoscalers.Found>> autoscalers = new ArrayList<>();
    for (Autoscalers.Found a :
        Autoscalers.of(plan.index().namespace(), assembly.reads().autoscalers(), withEvidence)) {
      Optional<EvidenceId> id =
          ledger.add(
              EvidenceKind.CONFIG, "kubernetes", a.workload(), a.subject(), now, a.text(), false);
      autoscalers.add(Cited.of(a.withDetail(ledger.redact(a.detail())), id));
    }
    List<Cited<NetworkPolicies.Found>> policies = new ArrayList<>();
    for (WorkloadRef ref : withEvidence) {
      Map<String, String> labels = podLabelsOf(ref, plan);
      if (labels.isEmpty() || !ref.namespace().equals(plan.index().namespace())) {
        continue;
      }
      for (NetworkPolicies.Found n :
          NetworkPolicies.of(
              ref,
              labels,
              assembly.reads().networkPolicies(),
              limits.related().changeWindow(),
              now)) {
        policies.add(
            Cited.of(
                n,
                ledger.add(
                    EvidenceKind.CONFIG,
                    "kubernetes",
                    ref,
                    n.subject(),
                    n.changedAt(),
                    n.text(),
                    false)));
      }
    }
    return new Written(
        limits,
        config,
        replicas,
        drift,
        nodes,
        trains,
        autoscalers,
        policies,
        assembly.prometheus().memoryLimitThreshold());
  }

  /** The labels of a Deployment's pod template (what a NetworkPolicy's podSelector matches). */
  private static Map<String, String> podLabelsOf(WorkloadRef ref, RelatedPlan.Plan plan) {
    if (ref.kind() != WorkloadKind.DEPLOYMENT) {
      return Map.of();
    }
    return plan.index()
        .deployment(ref.name())
        .map(
            d ->
                d.getSpec() == null
                        || d.getSpec().getTemplate() == null
                        || d.getSpec().getTemplate().getMetadata() == null
                        || d.getSpec().getTemplate().getMetadata().getLabels() == null
                    ? Map.<String, String>of()
                    : Map.copyOf(d.getSpec().getTemplate().getMetadata().getLabels()))
        .orElse(Map.of());
  }

  private static Optional<PodSpec> templateOf(WorkloadRef ref, RelatedPlan.Plan plan) {
    if (ref.kind() == WorkloadKind.DEPLOYMENT) {
      return plan.index()
          .deployment(ref.name())
          .map(
              d ->
                  d.getSpec() == null || d.getSpec().getTemplate() == null
                      ? null
                      : d.getSpec().getTemplate().getSpec());
    }
    if (ref.kind() == WorkloadKind.STATEFULSET) {
      return plan.index()
          .statefulSet(ref.name())
          .map(
              s ->
                  s.getSpec() == null || s.getSpec().getTemplate() == null
                      ? null
                      : s.getSpec().getTemplate().getSpec());
    }
    return Optional.empty();
  }
}
