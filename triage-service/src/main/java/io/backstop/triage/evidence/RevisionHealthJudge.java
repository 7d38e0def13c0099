package io.backstop.triage.evidence;

import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.backstop.triage.kubernetes.PodObservation;
import io.backstop.triage.kubernetes.Rollouts.ReadRevision;
import io.backstop.triage.metrics.Onset;
import io.backstop.triage.metrics.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Judges how each revision of the target ran, which the action gate uses to pick a rollback target.
 *
 * <ul>
 *   <li>A revision whose own pods crash-loop or cannot pull their image is UNHEALTHY.
 *   <li>The current revision is UNHEALTHY while the target shows a failure symptom or when the
 *       error ratio rose above its threshold after it rolled out, HEALTHY when neither holds and
 *       its pods are all ready, else UNKNOWN.
 *   <li>An earlier revision, with error-ratio range data covering its active window, is UNHEALTHY
 *       if the ratio crossed the threshold in it and HEALTHY if not. Without such data it is
 *       HEALTHY when its window ended at or before the onset and lasted at least the minimum run,
 *       UNHEALTHY when the onset fell inside it, and UNKNOWN otherwise (nothing says).
 * </ul>
 */
public final class RevisionHealthJudge {

  private static final Set<SymptomKind> FAILURES =
      Set.of(
          SymptomKind.CRASH_LOOP,
          SymptomKind.ERROR_RATE,
          SymptomKind.OOM_KILLED,
          SymptomKind.IMAGE_PULL_FAILURE,
          SymptomKind.CREDENTIAL_FAILURE,
          SymptomKind.WEDGED_PODS);

  private final Duration minHealthyRun;

  public RevisionHealthJudge(Duration minHealthyRun) {
    this.minHealthyRun = minHealthyRun;
  }

  /** Evidence for the judgement: onset, symptoms, pods and the error-ratio range (may be empty). */
  public record Facts(
      Instant onset,
      Instant now,
      List<Symptom> symptoms,
      List<PodObservation> pods,
      List<Sample> errorRatio,
      double errorThreshold) {}

  public List<Revision> judge(List<ReadRevision> revisions, Facts facts) {
    List<Revision> judged = new ArrayList<>();
    for (int i = 0; i < revisions.size(); i++) {
      ReadRevision r = revisions.get(i);
      Instant end =
          i + 1 < revisions.size() ? revisions.get(i + 1).revision().deployedAt() : facts.now();
      judged.add(with(r.revision(), health(r, end, facts)));
    }
    return judged;
  }

  RevisionHealth health(ReadRevision r, Instant end, Facts facts) {
    List<PodObservation> own =
        facts.pods().stream().filter(p -> r.replicaSet().equals(p.replicaSet())).toList();
    if (own.stream().anyMatch(p -> p.crashLooping() || imagePull(p))) {
      return RevisionHealth.UNHEALTHY;
    }
    if (r.revision().current()) {
      return current(r.revision().deployedAt(), own, facts);
    }
    return earlier(r.revision().deployedAt(), end, facts);
  }

  private RevisionHealth current(Instant deployedAt, List<PodObservation> own, Facts facts) {
    if (facts.symptoms().stream().anyMatch(s -> FAILURES.contains(s.kind()))) {
      return RevisionHealth.UNHEALTHY;
    }
    if (deployedAt != null
        && Onset.exceededBetween(
                facts.errorRatio(), facts.errorThreshold(), deployedAt, facts.now().plusNanos(1))
            .orElse(false)) {
      return RevisionHealth.UNHEALTHY;
    }
    if (!own.isEmpty() && own.stream().allMatch(PodObservation::ready)) {
      return RevisionHealth.HEALTHY;
    }
    return RevisionHealth.UNKNOWN;
  }

  private RevisionHealth earlier(Instant start, Instant end, Facts facts) {
    Optional<Boolean> exceeded =
        Onset.exceededBetween(facts.errorRatio(), facts.errorThreshold(), start, end);
    if (exceeded.isPresent() && coversWindow(facts.errorRatio(), start, end)) {
      return exceeded.get() ? RevisionHealth.UNHEALTHY : RevisionHealth.HEALTHY;
    }
    if (exceeded.orElse(false)) {
      return RevisionHealth.UNHEALTHY;
    }
    if (facts.onset() == null) {
      return RevisionHealth.UNKNOWN;
    }
    boolean ranLongEnough = !Duration.between(start, end).minus(minHealthyRun).isNegative();
    if (!end.isAfter(facts.onset()) && ranLongEnough) {
      return RevisionHealth.HEALTHY;
    }
    if (!facts.onset().isBefore(start) && facts.onset().isBefore(end)) {
      return RevisionHealth.UNHEALTHY;
    }
    return RevisionHealth.UNKNOWN;
  }

  /** Whether the range data reaches back to the revision's start (or covers its minimum run). */
  private boolean coversWindow(List<Sample> samples, Instant start, Instant end) {
    Instant first = samples.get(0).at();
    return !first.isAfter(start) || !Duration.between(first, end).minus(minHealthyRun).isNegative();
  }

  private static boolean imagePull(PodObservation p) {
    return p.waitingReason() != null && p.waitingReason().contains("Image");
  }

  private static Revision with(Revision r, RevisionHealth health) {
    return new Revision(
        r.revision(), r.image(), r.gitSha(), r.deployedAt(), r.changeCause(), r.current(), health);
  }
}
