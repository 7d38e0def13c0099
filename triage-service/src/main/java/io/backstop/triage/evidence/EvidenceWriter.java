package io.backstop.triage.evidence;

import io.backstop.events.id.EvidenceId;
import io.backstop.events.signal.ConfigRef;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.kubernetes.EventObservation;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.kubernetes.PodUsage;
import io.backstop.triage.kubernetes.Rollouts.ReadRevision;
import io.backstop.triage.metrics.ErrorSignal;
import io.backstop.triage.metrics.MetricReading;
import io.backstop.triage.metrics.MetricsReport;
import io.backstop.triage.metrics.PrometheusSettings;
import io.backstop.triage.metrics.Sample;
import io.backstop.triage.metrics.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
    return metrics(report, null);
  }

  /**
   * The readings of the workload's own queries, in order; with an error signal, one item for it in
   * place of the raw {@code error_ratio} and {@code requests_by_code} readings, its id kept in
   * {@code errors[0]}.
   */
  List<Cited<MetricReading>> metrics(MetricsReport report, Cited<ErrorSignal>[] errors) {
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
    boolean signalWritten = false;
    for (MetricReading r : report.readings()) {
      boolean errorReading =
          r.name().equals(PrometheusSettings.ERROR_RATIO)
              || r.name().equals(PrometheusSettings.REQUESTS_BY_CODE);
      if (errorReading && report.errors() != null) {
        if (!signalWritten) {
          signalWritten = true;
          Optional<EvidenceId> id =
              errorSignal(report.errors(), "prometheus", "query/error_signal");
          if (errors != null) {
            errors[0] = Cited.of(report.errors(), id);
          }
          cited.add(Cited.of(r, id));
        }
        continue;
      }
      if (r.name().equals(PrometheusSettings.REQUESTS_BY_CODE)) {
        continue;
      }
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

  /** The workload's error signal as one item: its share now, the codes counted, the baseline. */
  Optional<EvidenceId> errorSignal(ErrorSignal e, String source, String subject) {
    String text =
        "error signal for "
            + name()
            + " = "
            + e.describe()
            + (e.onset() == null ? "" : ", above it since " + e.onset())
            + (e.anomalous() ? "" : " (not anomalous)");
    return ledger.add(EvidenceKind.METRIC, source, target, subject, now, text, false);
  }

  /** A plain text item about this workload (a namespace-wide reading, a finding). */
  Optional<EvidenceId> item(
      EvidenceKind kind, String source, String subject, String text, boolean untrusted) {
    return ledger.add(kind, source, target, subject, now, text, untrusted);
  }

  private String describe(MetricReading r, MetricsReport report) {
    if (r.failed()) {
      return r.name() + " for " + name() + " unavailable: " + r.error();
    }
    if (r.name().equals(PrometheusSettings.MEMORY_BY_POD) && !r.series().isEmpty()) {
      return "memory of each pod of "
          + name()
          + " as a share of its limit now: "
          + podShares(r.series())
          + " (query "
          + r.query()
          + ")";
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

  /** Each pod's latest share of its limit and the range's peak, at most five pods. */
  static String podShares(List<Series> pods) {
    List<String> parts = new ArrayList<>();
    for (Series s : pods.subList(0, Math.min(5, pods.size()))) {
      String pod = s.labels().getOrDefault("pod", "");
      double peak =
          s.samples().stream()
              .mapToDouble(Sample::value)
              .filter(v -> !Double.isNaN(v))
              .max()
              .orElse(Double.NaN);
      parts.add(
          String.format(
              Locale.ROOT,
              "%s %.0f%% (peak %.0f%%, %d samples)",
              POD_NAME.matcher(pod).matches() ? pod : "a pod",
              s.last() * 100,
              peak * 100,
              s.samples().size()));
    }
    return String.join(", ", parts)
        + (pods.size() > 5 ? " and " + (pods.size() - 5) + " more" : "");
  }

  private static final java.util.regex.Pattern POD_NAME =
      java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  void revisions(List<ReadRevision> revisions) {
    revisions(revisions, revisions.size());
  }

  /** The revisions, newest first, at most {@code max}: each named by number, hash, image, SHA. */
  void revisions(List<ReadRevision> revisions, int max) {
    for (int i = revisions.size() - 1; i >= Math.max(0, revisions.size() - max); i--) {
      ReadRevision rr = revisions.get(i);
      Revision r = rr.revision();
      String text =
          "revision "
              + r.revision()
              + (r.current() ? " (current)" : "")
              + " of "
              + name()
              + (r.podTemplateHash() == null ? "" : ": pod-template-hash " + r.podTemplateHash())
              + ", image "
              + r.image()
              + sha(r, revisions)
              + " deployed "
              + r.deployedAt()
              + " replicas "
              + rr.replicas()
              + (rr.changed().isEmpty() ? "" : "; changed: " + rr.changed())
              + (rr.formerNumbers().isEmpty() ? "" : "; it was revision " + rr.formerNumbers())
              + (r.changeCause() == null ? "" : " change-cause=\"" + r.changeCause() + "\"")
              + (r.unverifiedConfig().isEmpty()
                  ? ""
                  : "; whether its "
                      + subjects(r.unverifiedConfig())
                      + " exist now could not be read");
      ledger.add(
          EvidenceKind.ROLLOUT,
          "kubernetes",
          target,
          "replicaset/" + rr.replicaSet(),
          r.deployedAt(),
          text,
          r.changeCause() != null);
      if (!r.missingConfig().isEmpty()) {
        missingConfig(rr);
      }
    }
  }

  /**
   * One CONFIG item for a revision whose template references Secrets or ConfigMaps that do not
   * exist now: pods of that revision (a rollback to it) stop at CreateContainerConfigError.
   */
  private void missingConfig(ReadRevision rr) {
    Revision r = rr.revision();
    String text =
        "revision "
            + r.revision()
            + (r.current() ? " (current)" : "")
            + " of "
            + name()
            + " references "
            + subjects(r.missingConfig())
            + ", which "
            + (r.missingConfig().size() == 1 ? "does" : "do")
            + " not exist now (deleted or renamed since the revision ran): its pods, and a"
            + " rollback's, would stop at CreateContainerConfigError. Only names were read.";
    ledger.add(
        EvidenceKind.CONFIG,
        "kubernetes",
        target,
        "replicaset/" + rr.replicaSet(),
        now,
        text,
        false);
  }

  private static String subjects(List<ConfigRef> refs) {
    return String.join(", ", refs.stream().map(ConfigRef::subject).toList());
  }

  /**
   * " git-sha X (its own)", " git-sha X (inherited from revision N: same build)", " no git SHA".
   */
  private static String sha(Revision r, List<ReadRevision> all) {
    if (r.gitSha() == null) {
      return ", no git SHA";
    }
    if (r.ownsSha()) {
      return ", git-sha " + r.gitSha() + " (its own)";
    }
    long owner =
        all.stream()
            .map(ReadRevision::revision)
            .filter(o -> o.ownsSha() && r.gitSha().equals(o.gitSha()))
            .mapToLong(Revision::revision)
            .findFirst()
            .orElse(-1);
    return ", git-sha "
        + r.gitSha()
        + " (inherited"
        + (owner > 0 ? " from revision " + owner : "")
        + ": the same build; name this revision by its pod-template hash)";
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
