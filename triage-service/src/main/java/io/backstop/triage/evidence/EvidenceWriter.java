package io.backstop.triage.evidence;

import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.kubernetes.EventObservation;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.kubernetes.PodUsage;
import io.backstop.triage.kubernetes.Rollouts.ReadRevision;
import io.backstop.triage.metrics.MetricReading;
import io.backstop.triage.metrics.MetricsReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns observations into numbered evidence, in a fixed order so numbering is deterministic:
 * metrics, the target's revisions, pods, pod usage, events, log tails. Returns each observation
 * cited by the id of its item.
 */
final class EvidenceWriter {

  private final EvidenceLedger ledger;
  private final WorkloadRef target;
  private final Instant now;

  EvidenceWriter(EvidenceLedger ledger, WorkloadRef target, Instant now) {
    this.ledger = ledger;
    this.target = target;
    this.now = now;
  }

  List<Cited<MetricReading>> metrics(MetricsReport report) {
    if (!report.available()) {
      ledger.add(
          EvidenceKind.METRIC,
          "prometheus",
          target,
          "metrics",
          now,
          "metrics unavailable: no Prometheus is configured for triage"
              + " (backstop.triage.prometheus.url is unset); no metric values were read for "
              + name(),
          false);
      return List.of();
    }
    List<Cited<MetricReading>> cited = new ArrayList<>();
    for (MetricReading r : report.readings()) {
      cited.add(
          Cited.of(
              r,
              ledger.add(
                  EvidenceKind.METRIC,
                  "prometheus",
                  target,
                  "query/" + r.name(),
                  now,
                  describe(r, report),
                  false)));
    }
    return cited;
  }

  private String describe(MetricReading r, MetricsReport report) {
    if (r.failed()) {
      return r.name() + " for " + name() + " unavailable: " + r.error();
    }
    if (!r.hasValue()) {
      return r.name() + " for " + name() + ": no data (query " + r.query() + ")";
    }
    String text = r.name() + " for " + name() + " = " + r.latest();
    if (r.name().equals("error_ratio")) {
      text += " (threshold " + report.settings().errorRatioThreshold() + ")";
      if (report.onset() != null) {
        text += ", above threshold since " + report.onset();
      }
    }
    return text + " (query " + r.query() + ")";
  }

  void revisions(List<ReadRevision> revisions) {
    for (int i = revisions.size() - 1; i >= 0; i--) {
      ReadRevision rr = revisions.get(i);
      Revision r = rr.revision();
      String text =
          "revision "
              + r.revision()
              + (r.current() ? " (current)" : "")
              + " of "
              + name()
              + ": image "
              + r.image()
              + (r.gitSha() == null ? "" : " git-sha " + r.gitSha())
              + " deployed "
              + r.deployedAt()
              + " replicas "
              + rr.replicas()
              + (r.changeCause() == null ? "" : " change-cause=\"" + r.changeCause() + "\"");
      ledger.add(
          EvidenceKind.ROLLOUT,
          "kubernetes",
          target,
          "replicaset/" + rr.replicaSet(),
          r.deployedAt(),
          text,
          r.changeCause() != null);
    }
  }

  List<Cited<PodObservation>> pods(List<PodObservation> pods) {
    return pods.stream()
        .map(
            p ->
                Cited.of(
                    p,
                    ledger.add(
                        EvidenceKind.POD,
                        "kubernetes",
                        target,
                        "pod/" + p.name(),
                        now,
                        "pod " + p.name() + " of " + name() + ": " + p.describe(),
                        false)))
        .toList();
  }

  List<Cited<PodUsage>> usage(List<PodUsage> usage) {
    return usage.stream()
        .map(
            u ->
                Cited.of(
                    u,
                    ledger.add(
                        EvidenceKind.METRIC,
                        "metrics.k8s.io",
                        target,
                        "pod/" + u.pod(),
                        now,
                        "usage of pod " + u.pod() + " of " + name() + ": " + u.describe(),
                        false)))
        .toList();
  }

  List<Cited<EventObservation>> events(List<EventObservation> events) {
    return events.stream()
        .map(
            e ->
                Cited.of(
                    e,
                    ledger.add(
                        EvidenceKind.EVENT,
                        "kubernetes",
                        target,
                        e.subject(),
                        e.lastSeen() == null ? now : e.lastSeen(),
                        e.describe(),
                        true)))
        .toList();
  }

  List<Cited<LogExcerpt>> logs(List<LogExcerpt> logs) {
    return logs.stream()
        .map(
            l ->
                Cited.of(
                    l,
                    ledger.add(
                        EvidenceKind.LOG,
                        "kubernetes",
                        target,
                        "pod/" + l.pod(),
                        now,
                        "log tail of pod "
                            + l.pod()
                            + " container "
                            + l.container()
                            + (l.previous() ? " (previous, crashed instance)" : "")
                            + ":\n"
                            + l.text(),
                        true)))
        .toList();
  }

  private String name() {
    return target.namespace() + "/" + target.name();
  }
}
