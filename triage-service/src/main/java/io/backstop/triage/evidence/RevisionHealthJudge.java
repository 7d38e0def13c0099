package io.backstop.triage.evidence;

import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.kubernetes.Rollouts.ReadRevision;
import io.backstop.triage.metrics.MetricsGatherer.WindowPeak;
import io.backstop.triage.metrics.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges how each revision of a Deployment ran, by one health window (the same one the policy reads
 * in {@code Gathering.healthWindow}): a revision is HEALTHY only with evidence that its pods were
 * ready and its error signal stayed under the threshold for the whole window; one that
 * crash-looped, never became ready, was rolled back from, or failed while it ran is UNHEALTHY;
 * anything else is UNKNOWN, and UNKNOWN is never healthy. Every judgement carries its reason.
 *
 * <ul>
 *   <li>Current revision: UNHEALTHY when its own pods crash-loop, cannot pull, or never became
 *       ready, when the workload shows a failure symptom, or when the error signal rose above the
 *       threshold after it rolled out; HEALTHY when it has run the window, its pods are all ready
 *       and the error signal covers the window under the threshold (or, with no error signal read
 *       and the rollout record accepted, no failure shows); UNKNOWN otherwise.
 *   <li>Earlier revision (its window ends when the next one rolled out): UNHEALTHY when its pods
 *       that still exist fail, when it was rolled back from (the next revision re-deployed an older
 *       template), when its rollout never completed (an older revision still runs pods), when the
 *       error signal crossed the threshold while it ran or the onset fell inside its run; UNKNOWN
 *       when it ran less than the window; HEALTHY when the error signal covers the last window of
 *       its run under the threshold, or — with the rollout record accepted and no error signal
 *       covering it — when it completed its rollout and was replaced before the onset (the
 *       workload's own, else the incident's: a workload with no anomaly of its own, such as a
 *       healthy leg of a release train, is judged against the time the incident began).
 * </ul>
 */
public final class RevisionHealthJudge {

  static final Set<SymptomKind> FAILURES =
      Set.of(
          SymptomKind.CRASH_LOOP,
          SymptomKind.ERROR_RATE,
          SymptomKind.OOM_KILLED,
          SymptomKind.IMAGE_PULL_FAILURE,
          SymptomKind.CREDENTIAL_FAILURE,
          SymptomKind.STALE_CREDENTIAL,
          SymptomKind.WEDGED_PODS,
          SymptomKind.EPHEMERAL_STORAGE,
          SymptomKind.NODE_MEMORY_PRESSURE,
          SymptomKind.DEPENDENCY_FAILURE,
          SymptomKind.CERTIFICATE_EXPIRY,
          SymptomKind.DNS_FAILURE,
          SymptomKind.VOLUME_CONFLICT);

  private final HealthSettings settings;

  public RevisionHealthJudge(HealthSettings settings) {
    this.settings = settings;
  }

  /** The one health window and whether the rollout record alone may show health. */
  public record HealthSettings(Duration window, boolean fromRolloutRecord) {

    public HealthSettings {
      if (window == null || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("health window must be positive, but was " + window);
      }
    }
  }

  /**
   * Evidence for the judgement of one Deployment: the onset of its own anomaly (null when it shows
   * none), its symptoms, its pods, its error signal over the range read (may be empty), the
   * threshold, the error signal's peak over the last window of earlier revisions, by revision
   * number, where a windowed query read it, and the onset of the incident it is judged in.
   *
   * <p>The two onsets answer different questions. Only the workload's own onset may make a revision
   * UNHEALTHY ("the anomaly began while it ran"): the incident's anomaly beginning somewhere else
   * says nothing bad about this workload. Either may show that a revision was replaced before
   * anything went wrong: a healthy leg of a release train has no onset of its own, yet its previous
   * revision, replaced before the incident began, ran healthy for its lifetime.
   */
  public record Facts(
      Instant onset,
      Instant now,
      List<Symptom> symptoms,
      List<PodObservation> pods,
      List<Sample> errorRatio,
      double errorThreshold,
      Map<Long, WindowPeak> windows,
      Instant incidentOnset) {

    public Facts {
      symptoms = List.copyOf(symptoms);
      pods = List.copyOf(pods);
      errorRatio = List.copyOf(errorRatio);
      windows = windows == null ? Map.of() : Map.copyOf(windows);
      incidentOnset = incidentOnset == null ? onset : incidentOnset;
    }

    /** Facts of the alerted workload, whose onset is the incident's. */
    public Facts(
        Instant onset,
        Instant now,
        List<Symptom> symptoms,
        List<PodObservation> pods,
        List<Sample> errorRatio,
        double errorThreshold,
        Map<Long, WindowPeak> windows) {
      this(onset, now, symptoms, pods, errorRatio, errorThreshold, windows, onset);
    }

    public Facts(
        Instant onset,
        Instant now,
        List<Symptom> symptoms,
        List<PodObservation> pods,
        List<Sample> errorRatio,
        double errorThreshold) {
      this(onset, now, symptoms, pods, errorRatio, errorThreshold, Map.of());
    }

    /**
     * The moment a replaced revision must have been replaced before, to count as healthy by its
     * rollout record: the workload's own onset, else the incident's.
     */
    Instant replacedBefore() {
      return onset != null ? onset : incidentOnset;
    }
  }

  /** A judgement and why. */
  record Judged(RevisionHealth health, String reason) {

    static Judged healthy(String reason) {
      return new Judged(RevisionHealth.HEALTHY, reason);
    }

    static Judged unhealthy(String reason) {
      return new Judged(RevisionHealth.UNHEALTHY, reason);
    }

    static Judged unknown(String reason) {
      return new Judged(RevisionHealth.UNKNOWN, reason);
    }
  }

  public List<Revision> judge(List<ReadRevision> revisions, Facts facts) {
    List<Revision> judged = new ArrayList<>();
    for (int i = 0; i < revisions.size(); i++) {
      ReadRevision r = revisions.get(i);
      Optional<ReadRevision> next =
          i + 1 < revisions.size() ? Optional.of(revisions.get(i + 1)) : Optional.empty();
      Judged j = judge(r, next, revisions, facts);
      judged.add(r.revision().withHealth(j.health(), j.reason()));
    }
    return judged;
  }

  Judged judge(ReadRevision r, Optional<ReadRevision> next, List<ReadRevision> all, Facts facts) {
    Optional<String> ownPodsFail = ownPodsFail(r, facts);
    if (ownPodsFail.isPresent()) {
      return Judged.unhealthy(ownPodsFail.get());
    }
    if (r.revision().current() || next.isEmpty()) {
      return current(r, facts);
    }
    return earlier(r, next.get(), all, facts);
  }

  private Optional<String> ownPodsFail(ReadRevision r, Facts facts) {
    List<PodObservation> own =
        facts.pods().stream().filter(p -> r.replicaSet().equals(p.replicaSet())).toList();
    long looping = own.stream().filter(PodObservation::crashLooping).count();
    if (looping > 0) {
      return Optional.of(
          "its pods crash-loop (" + looping + " of " + own.size() + " in CrashLoopBackOff)");
    }
    long pulling = own.stream().filter(RevisionHealthJudge::imagePull).count();
    if (pulling > 0) {
      return Optional.of("its image cannot be pulled (" + pulling + " pods waiting)");
    }
    long stuck = own.stream().filter(p -> SymptomRecognizer.isWedged(p, facts.now())).count();
    if (stuck > 0 && stuck == own.size()) {
      return Optional.of("its pods never became ready (" + stuck + " running, not ready)");
    }
    return Optional.empty();
  }

  private Judged current(ReadRevision r, Facts facts) {
    Instant deployed = r.revision().deployedAt();
    List<Symptom> failing =
        facts.symptoms().stream().filter(s -> FAILURES.contains(s.kind())).toList();
    if (!failing.isEmpty()) {
      return Judged.unhealthy(failingSince(failing, deployed));
    }
    Optional<Sample> over = firstOver(facts, deployed, facts.now().plusNanos(1));
    if (over.isPresent()) {
      return Judged.unhealthy(
          "error signal "
              + round(over.get().value())
              + " above "
              + round(facts.errorThreshold())
              + " at "
              + over.get().at()
              + ", "
              + ago(deployed, over.get().at())
              + " after it rolled out");
    }
    Duration ran = Duration.between(deployed, facts.now());
    if (ran.compareTo(settings.window()) < 0) {
      return Judged.unknown(
          "running "
              + human(ran)
              + ", less than the "
              + human(settings.window())
              + " health window");
    }
    if (r.readyReplicas() < r.replicas() || r.replicas() == 0) {
      return Judged.unknown(
          "not all its pods are ready (" + r.readyReplicas() + "/" + r.replicas() + ")");
    }
    Instant from = facts.now().minus(settings.window());
    if (covers(facts.errorRatio(), from, facts.now())) {
      return Judged.healthy(
          "pods ready ("
              + r.readyReplicas()
              + "/"
              + r.replicas()
              + "), error signal under "
              + round(facts.errorThreshold())
              + " for the whole "
              + human(settings.window())
              + " window");
    }
    if (settings.fromRolloutRecord()) {
      return Judged.healthy(
          "by the rollout record (no error signal covers the window): pods ready ("
              + r.readyReplicas()
              + "/"
              + r.replicas()
              + "), no failure symptom, running "
              + human(ran));
    }
    return Judged.unknown("no error signal covers the " + human(settings.window()) + " window");
  }

  private Judged earlier(ReadRevision r, ReadRevision next, List<ReadRevision> all, Facts facts) {
    Instant start = r.revision().deployedAt();
    Instant end = next.revision().deployedAt();
    if (!next.formerNumbers().isEmpty()) {
      return Judged.unhealthy(
          "rolled back from: revision "
              + next.revision().revision()
              + " re-deployed the template of revision "
              + next.formerNumbers().get(next.formerNumbers().size() - 1));
    }
    Optional<ReadRevision> older =
        all.stream()
            .filter(o -> o.revision().revision() < r.revision().revision() && o.replicas() > 0)
            .findFirst();
    if (older.isPresent()) {
      return Judged.unhealthy(
          "its rollout never completed: revision "
              + older.get().revision().revision()
              + " still runs "
              + older.get().replicas()
              + " pods");
    }
    Optional<Sample> over = firstOver(facts, start, end);
    if (over.isPresent()) {
      return Judged.unhealthy(
          "error signal " + round(over.get().value()) + " at " + over.get().at() + " while it ran");
    }
    if (facts.onset() != null && !facts.onset().isBefore(start) && facts.onset().isBefore(end)) {
      return Judged.unhealthy("the anomaly began at " + facts.onset() + " while it ran");
    }
    Duration ran = Duration.between(start, end);
    if (ran.compareTo(settings.window()) < 0) {
      return Judged.unknown(
          "ran "
              + human(ran)
              + " before revision "
              + next.revision().revision()
              + " replaced it, less than the "
              + human(settings.window())
              + " health window");
    }
    WindowPeak peak = facts.windows().get(r.revision().revision());
    if (peak != null && peak.coverage() >= 0.8) {
      if (peak.peak() > facts.errorThreshold()) {
        return Judged.unhealthy(
            "error signal peaked at "
                + round(peak.peak())
                + " in the "
                + human(settings.window())
                + " before it was replaced");
      }
      return Judged.healthy(
          "error signal at most "
              + round(peak.peak())
              + " over the "
              + human(settings.window())
              + " before revision "
              + next.revision().revision()
              + " replaced it; its rollout completed");
    }
    if (covers(facts.errorRatio(), end.minus(settings.window()), end)) {
      return Judged.healthy(
          "error signal under "
              + round(facts.errorThreshold())
              + " for the "
              + human(settings.window())
              + " before revision "
              + next.revision().revision()
              + " replaced it; its rollout completed");
    }
    Instant reference = facts.replacedBefore();
    if (reference == null) {
      return Judged.unknown("no error signal covers its window and no onset is known");
    }
    if (!settings.fromRolloutRecord()) {
      return Judged.unknown("no error signal covers its window");
    }
    if (end.isAfter(reference)) {
      return Judged.unknown("it was replaced after the anomaly began");
    }
    return Judged.healthy(
        "by the rollout record (no error signal covers its window): ran "
            + human(ran)
            + ", its rollout completed, revision "
            + next.revision().revision()
            + " replaced it "
            + human(Duration.between(end, reference))
            + (facts.onset() != null
                ? " before the anomaly"
                : " before the anomaly of the incident (none of its own)"));
  }

  /** The first error-signal sample above the threshold in [from, to), if any. */
  private static Optional<Sample> firstOver(Facts facts, Instant from, Instant to) {
    return facts.errorRatio().stream()
        .filter(s -> !s.at().isBefore(from) && s.at().isBefore(to))
        .filter(s -> s.value() > facts.errorThreshold())
        .findFirst();
  }

  /**
   * Whether samples cover [from, to] without a gap: the first at most a step after {@code from},
   * the last at most a step before {@code to}, none further apart than three steps.
   */
  static boolean covers(List<Sample> samples, Instant from, Instant to) {
    List<Sample> inside =
        samples.stream()
            .filter(s -> !s.at().isBefore(from.minusSeconds(60)) && !s.at().isAfter(to))
            .sorted(Comparator.comparing(Sample::at))
            .toList();
    if (inside.size() < 3) {
      return false;
    }
    Duration step = Duration.between(inside.get(0).at(), inside.get(1).at());
    Duration slack = step.multipliedBy(3).plusSeconds(1);
    if (Duration.between(from, inside.get(0).at()).compareTo(slack) > 0
        || Duration.between(inside.get(inside.size() - 1).at(), to).compareTo(slack) > 0) {
      return false;
    }
    for (int i = 1; i < inside.size(); i++) {
      if (Duration.between(inside.get(i - 1).at(), inside.get(i).at()).compareTo(slack) > 0) {
        return false;
      }
    }
    return true;
  }

  private static String failingSince(List<Symptom> failing, Instant deployed) {
    String kinds =
        failing.stream().map(s -> s.kind().name()).distinct().collect(Collectors.joining(", "));
    Optional<Instant> since =
        failing.stream()
            .map(Symptom::since)
            .filter(java.util.Objects::nonNull)
            .min(Comparator.naturalOrder());
    if (since.isEmpty()) {
      return "failing: " + kinds;
    }
    if (since.get().isBefore(deployed)) {
      return "failing: " + kinds + " since " + since.get() + ", before it rolled out";
    }
    return "failing: "
        + kinds
        + " since "
        + since.get()
        + ", "
        + ago(deployed, since.get())
        + " after it rolled out";
  }

  private static String ago(Instant from, Instant to) {
    return human(Duration.between(from, to));
  }

  /** "45s", "12m", "3h", "5d": the largest whole unit. */
  static String human(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 2 * 3600) {
      return s / 60 + "m";
    }
    if (s < 2 * 86400) {
      return s / 3600 + "h";
    }
    return s / 86400 + "d";
  }

  private static String round(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static boolean imagePull(PodObservation p) {
    return p.waitingReason() != null && p.waitingReason().contains("Image");
  }
}
