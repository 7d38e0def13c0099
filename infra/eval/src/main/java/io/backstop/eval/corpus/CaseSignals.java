package io.backstop.eval.corpus;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.MetadataKeys;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.EvidenceId;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.Autoscaler;
import io.backstop.events.signal.ConfigChange;
import io.backstop.events.signal.ConfigRef;
import io.backstop.events.signal.DriftDimension;
import io.backstop.events.signal.Evidence;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.Findings;
import io.backstop.events.signal.Gathering;
import io.backstop.events.signal.NetworkPolicyChange;
import io.backstop.events.signal.NodeReport;
import io.backstop.events.signal.RelatedWorkload;
import io.backstop.events.signal.Relation;
import io.backstop.events.signal.ReleaseTrain;
import io.backstop.events.signal.ReplicaChange;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.ShaOrigin;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.TemplateDrift;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a case into the events triage would have emitted for it: the alert and the sealed {@code
 * SignalsGathered}, built with the same records the live triage-service builds.
 */
public final class CaseSignals {

  private CaseSignals() {}

  public static IncidentId incident(EvalCase c) {
    return IncidentId.of("eval-" + c.id());
  }

  public static AlertReceived alert(EvalCase c) {
    EvalCase.AlertSpec spec = c.alert();
    Instant startsAt = c.onsetAgo() == null ? c.now() : c.now().minus(c.onsetAgo());
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("namespace", c.namespace());
    labels.put(labelFor(kind(spec.kind())), spec.workload());
    labels.put("alertname", name(spec));
    return EventCodec.seal(
        new AlertReceived(
            EventHeader.first(incident(c), "eval|" + c.id(), Stage.INTAKE, c.now()),
            "eval",
            c.id(),
            "{}:{alertname=\"" + name(spec) + "\"}",
            name(spec),
            spec.severity() == null
                ? AlertSeverity.CRITICAL
                : AlertSeverity.valueOf(spec.severity().toUpperCase(Locale.ROOT)),
            AlertStatus.FIRING,
            labels,
            Map.of("summary", c.title()),
            startsAt,
            null,
            null,
            0));
  }

  public static SignalsGathered signals(EvalCase c) {
    AlertReceived alert = alert(c);
    List<Evidence> evidence = c.evidence().stream().map(e -> evidence(c, e)).toList();
    return EventCodec.seal(
        new SignalsGathered(
            EventHeader.reactingTo(alert, Stage.TRIAGE, SignalsGathered.class, 1, c.now()),
            ref(c, c.alert().workload()),
            evidence,
            rollouts(c),
            c.workloads().stream().map(w -> workload(c, w)).toList(),
            c.symptoms().stream().map(s -> symptom(c, s)).toList(),
            c.onsetAgo() == null ? null : c.now().minus(c.onsetAgo()),
            (int) evidence.stream().filter(e -> e.text().contains("[REDACTED")).count(),
            List.of(),
            findings(c),
            new Gathering(c.healthWindow(), 0, 0, 0, c.findings().skipped())));
  }

  /** The workload of the case named {@code name}, as a reference of its kind. */
  public static WorkloadRef ref(EvalCase c, String name) {
    WorkloadSpec spec =
        c.workloads().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    return new WorkloadRef(kind(spec.kind()), c.namespace(), name);
  }

  private static Workload workload(EvalCase c, WorkloadSpec w) {
    Map<String, String> labels = new LinkedHashMap<>(w.labels());
    labels.putIfAbsent("app", w.name());
    if (Boolean.TRUE.equals(w.protectedLabel())) {
      labels.put(MetadataKeys.PROTECTED, "true");
    }
    int replicas = w.replicas() == null ? 1 : w.replicas();
    return new Workload(
            ref(c, w.name()),
            replicas,
            w.ready() == null ? replicas : w.ready(),
            labels,
            Boolean.TRUE.equals(w.singleton()),
            Boolean.TRUE.equals(w.paused()))
        .withGitOps(w.gitOps())
        .withStrategy(w.strategy())
        .withHold(w.hold())
        .withOperator(w.operator())
        .withClaims(w.claims());
  }

  private static List<RolloutHistory> rollouts(EvalCase c) {
    List<RolloutHistory> histories = new ArrayList<>();
    for (WorkloadSpec w : c.workloads()) {
      if (w.revisions().isEmpty()) {
        continue;
      }
      boolean explicitCurrent =
          w.revisions().stream().anyMatch(r -> Boolean.TRUE.equals(r.current()));
      List<Revision> revisions = new ArrayList<>();
      for (int i = 0; i < w.revisions().size(); i++) {
        RevisionSpec r = w.revisions().get(i);
        boolean current =
            explicitCurrent ? Boolean.TRUE.equals(r.current()) : i == w.revisions().size() - 1;
        revisions.add(
            Revision.builder()
                .revision(r.revision())
                .image(r.image() != null ? r.image() : image(c, w.name(), r))
                .gitSha(r.sha())
                .deployedAt(c.now().minus(r.ago()))
                .changeCause(r.cause() == null ? "" : r.cause())
                .current(current)
                .health(
                    r.health() == null
                        ? RevisionHealth.UNKNOWN
                        : RevisionHealth.valueOf(r.health()))
                .shaOrigin(r.shaOrigin() == null ? null : ShaOrigin.valueOf(r.shaOrigin()))
                .podTemplateHash(r.templateHash())
                .healthReason(r.healthReason())
                .missingConfig(r.missingConfig().stream().map(CaseSignals::configRef).toList())
                .unverifiedConfig(
                    r.unverifiedConfig().stream().map(CaseSignals::configRef).toList())
                .schemaMigration(r.schemaMigration())
                .pods(r.pods())
                .build());
      }
      histories.add(new RolloutHistory(ref(c, w.name()), revisions));
    }
    return histories;
  }

  /** "secret/name" or "configmap/name"; anything else is a broken case. */
  private static ConfigRef configRef(String subject) {
    int slash = subject.indexOf('/');
    String kind = slash < 0 ? "" : subject.substring(0, slash).toLowerCase(Locale.ROOT);
    String name = slash < 0 ? "" : subject.substring(slash + 1);
    return switch (kind) {
      case "secret" -> ConfigRef.secret(name);
      case "configmap" -> ConfigRef.configMap(name);
      default ->
          throw new IllegalArgumentException(
              "config reference must be secret/<name> or configmap/<name>, but was '"
                  + subject
                  + "'");
    };
  }

  private static String image(EvalCase c, String name, RevisionSpec r) {
    String tag =
        r.sha() != null ? r.sha().substring(0, Math.min(12, r.sha().length())) : "r" + r.revision();
    return "registry.local/" + c.namespace() + "/" + name + ":" + tag;
  }

  private static Evidence evidence(EvalCase c, EvidenceSpec e) {
    EvidenceKind kind = EvidenceKind.valueOf(e.kind().toUpperCase(Locale.ROOT));
    return new Evidence(
        EvidenceId.of(e.id()),
        kind,
        e.source() != null ? e.source() : kind == EvidenceKind.METRIC ? "prometheus" : "kubernetes",
        e.workload() == null ? null : ref(c, e.workload()),
        e.node(),
        e.subject() != null ? e.subject() : subject(e),
        c.now().minus(e.ago() == null ? Duration.ofMinutes(1) : e.ago()),
        e.text(),
        e.untrusted() != null ? e.untrusted() : kind == EvidenceKind.LOG,
        Boolean.TRUE.equals(e.injection()));
  }

  private static String subject(EvidenceSpec e) {
    if (e.node() != null) {
      return "node/" + e.node();
    }
    return e.workload() == null ? "namespace" : "deployment/" + e.workload();
  }

  private static Symptom symptom(EvalCase c, SymptomSpec s) {
    Instant since = c.now().minus(s.since() != null ? s.since() : onset(c));
    return new Symptom(
        SymptomKind.valueOf(s.kind()),
        ref(c, s.workload()),
        since,
        s.evidence().stream().map(EvidenceId::of).toList(),
        s.detail());
  }

  private static Duration onset(EvalCase c) {
    return c.onsetAgo() == null ? Duration.ofMinutes(5) : c.onsetAgo();
  }

  private static Findings findings(EvalCase c) {
    FindingsSpec f = c.findings();
    return new Findings(
        f.related().stream()
            .map(
                r ->
                    new RelatedWorkload(
                        ref(c, r.workload()),
                        Relation.valueOf(r.relation()),
                        r.via(),
                        ids(r.evidence())))
            .toList(),
        f.nodes().stream()
            .map(
                n ->
                    new NodeReport(
                        n.name(),
                        n.pressure(),
                        Quantity.bytes(n.allocatableMemory()),
                        Quantity.bytes(n.requestedMemory()),
                        n.evictions() == null ? 0 : n.evictions(),
                        n.workloads() == null
                            ? List.of()
                            : n.workloads().stream().map(w -> ref(c, w)).toList(),
                        ids(n.evidence()),
                        n.problems() == null ? List.of() : n.problems()))
            .toList(),
        f.releaseTrains().stream()
            .map(
                t ->
                    new ReleaseTrain(
                        t.build(),
                        t.deployments().stream().map(w -> ref(c, w)).toList(),
                        t.since() == null ? null : c.now().minus(t.since())))
            .toList(),
        f.drift().stream()
            .map(
                d ->
                    new TemplateDrift(
                        ref(c, d.workload()),
                        d.pod() == null ? d.workload() + "-pod" : d.pod(),
                        d.container(),
                        DriftDimension.valueOf(d.dimension()),
                        d.template(),
                        d.running(),
                        d.changedBy(),
                        d.evidence() == null ? null : EvidenceId.of(d.evidence())))
            .toList(),
        f.configChanges().stream()
            .map(
                cc ->
                    new ConfigChange(
                        ref(c, cc.workload()),
                        "Secret".equals(cc.kind())
                            ? ConfigChange.ConfigKind.SECRET
                            : ConfigChange.ConfigKind.CONFIG_MAP,
                        cc.name(),
                        c.now().minus(cc.changedAgo()),
                        cc.oldestPodStartedAgo() == null
                            ? null
                            : c.now().minus(cc.oldestPodStartedAgo()),
                        cc.evidence() == null ? null : EvidenceId.of(cc.evidence()),
                        cc.referencedAs().stream()
                            .map(r -> ConfigChange.Reference.valueOf(r.toUpperCase(Locale.ROOT)))
                            .toList(),
                        cc.changedBy()))
            .toList(),
        f.replicaChanges().stream()
            .map(
                rc ->
                    new ReplicaChange(
                        ref(c, rc.workload()),
                        rc.from(),
                        rc.to(),
                        c.now().minus(rc.ago()),
                        rc.by(),
                        Boolean.TRUE.equals(rc.byBackstop()),
                        rc.evidence() == null ? null : EvidenceId.of(rc.evidence())))
            .toList(),
        f.autoscalers().stream().map(a -> autoscaler(c, a)).toList(),
        f.networkPolicies().stream()
            .map(
                n ->
                    new NetworkPolicyChange(
                        ref(c, n.workload()),
                        n.name(),
                        c.now().minus(n.createdAgo() == null ? n.changedAgo() : n.createdAgo()),
                        c.now().minus(n.changedAgo()),
                        n.generation() == null ? 1 : n.generation(),
                        !Boolean.FALSE.equals(n.restrictsEgress()),
                        n.allowsDns(),
                        n.changedBy(),
                        n.evidence() == null ? null : EvidenceId.of(n.evidence())))
            .toList());
  }

  private static Autoscaler autoscaler(EvalCase c, FindingsSpec.AutoscalerSpec a) {
    boolean limited = Boolean.TRUE.equals(a.scalingLimited());
    return new Autoscaler(
        a.name() != null ? a.name() : a.workload(),
        ref(c, a.workload()),
        a.min(),
        a.max(),
        a.current(),
        a.desired() != null ? a.desired() : a.current(),
        limited,
        a.atMax() != null ? a.atMax() : limited && a.current() >= a.max(),
        a.detail(),
        a.evidence() == null ? null : EvidenceId.of(a.evidence()));
  }

  private static List<EvidenceId> ids(List<String> ids) {
    return ids == null ? List.of() : ids.stream().map(EvidenceId::of).toList();
  }

  static WorkloadKind kind(String kind) {
    if (kind == null) {
      return WorkloadKind.DEPLOYMENT;
    }
    return switch (kind) {
      case "StatefulSet" -> WorkloadKind.STATEFULSET;
      case "DaemonSet" -> WorkloadKind.DAEMONSET;
      case "Deployment" -> WorkloadKind.DEPLOYMENT;
      default -> WorkloadKind.OTHER;
    };
  }

  private static String labelFor(WorkloadKind kind) {
    return switch (kind) {
      case STATEFULSET -> "statefulset";
      case DAEMONSET -> "daemonset";
      default -> "deployment";
    };
  }

  private static String name(EvalCase.AlertSpec spec) {
    return spec.name() == null ? "IncidentAlert" : spec.name();
  }
}
