package io.backstop.diagnosis.analyzer;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.events.signal.ConfigRef;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.ReleaseTrain;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.SymptomKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A crash loop or error spike that began shortly after a deploy points at it: when the current
 * revision is not healthy and the trouble began within the recent window after it, or after one of
 * the not-healthy revisions just before it (a bad deploy and its bad "hotfix"), roll back to the
 * last revision that ran healthy before them all. With no healthy earlier revision, when the
 * workload is one leg of a release train, or when that revision references a Secret or ConfigMap
 * that is gone now (or that triage could not check), escalate.
 */
final class BadDeployRule implements Rule {

  private final Duration recent;

  BadDeployRule(Duration recent) {
    this.recent = recent;
  }

  @Override
  public Optional<Diagnosis> apply(Findings f) {
    if (!f.has(SymptomKind.CRASH_LOOP, SymptomKind.ERROR_RATE)) {
      return Optional.empty();
    }
    Optional<Revision> current = f.history().flatMap(h -> h.current());
    Optional<Instant> onset = f.onset();
    if (current.isEmpty() || onset.isEmpty() || current.get().health() == RevisionHealth.HEALTHY) {
      return Optional.empty();
    }
    List<Revision> badRun = badRun(f, current.get());
    if (badRun.stream().noneMatch(r -> rolledOutShortlyBefore(r, onset.get()))) {
      return Optional.empty();
    }
    Revision bad = current.get();
    var symptoms = f.of(SymptomKind.CRASH_LOOP, SymptomKind.ERROR_RATE);
    List<String> cited = f.cite(symptoms, EvidenceKind.ROLLOUT);
    Optional<Revision> healthy = lastHealthyBefore(f, badRun.get(0));
    if (healthy.isEmpty()) {
      return Optional.of(
          Diagnoses.escalate(
              f,
              "revision %d of %s (sha %s) fails since it rolled out, but no earlier revision is known to have run healthy"
                  .formatted(bad.revision(), f.workload().name(), bad.gitSha()),
              Calibration.ESCALATE_KNOWN,
              cited));
    }
    List<ReleaseTrain> trains = f.signals().findings().trainsOf(f.workload());
    if (!trains.isEmpty()) {
      return Optional.of(
          Diagnoses.escalate(
              f,
              "revision %d of %s (sha %s) fails since it rolled out, but it is one leg of a release train (%s): rolling back one leg alone leaves the others on a build it no longer matches; a human coordinates the train"
                  .formatted(
                      bad.revision(),
                      f.workload().name(),
                      bad.gitSha(),
                      trains.stream()
                          .flatMap(t -> t.deployments().stream())
                          .distinct()
                          .map(d -> d.namespace() + "/" + d.name())
                          .toList()),
              Calibration.ESCALATE_KNOWN,
              cited));
    }
    Revision target = healthy.get();
    if (!target.configPresent()) {
      return Optional.of(
          Diagnoses.escalate(
              f,
              "revision %d of %s (sha %s) fails since it rolled out, and revision %d, the last that ran healthy, references config that is gone now %s or could not be checked %s: a rollback's pods would stop at CreateContainerConfigError; a human restores the objects or fixes forward"
                  .formatted(
                      bad.revision(),
                      f.workload().name(),
                      bad.gitSha(),
                      target.revision(),
                      target.missingConfig().stream().map(ConfigRef::subject).toList(),
                      target.unverifiedConfig().stream().map(ConfigRef::subject).toList()),
              Calibration.ESCALATE_KNOWN,
              f.cite(symptoms, EvidenceKind.ROLLOUT, EvidenceKind.CONFIG)));
    }
    var action = Diagnoses.rollbackTo(f, target);
    String hypothesis =
        "%s revision %d (sha %s, \"%s\") %s since it rolled out at %s%s; revision %d (sha %s) last ran healthy"
            .formatted(
                f.workload().name(),
                bad.revision(),
                bad.gitSha(),
                bad.changeCause(),
                describe(f),
                bad.deployedAt(),
                badRun.size() > 1
                    ? ", after " + (badRun.size() - 1) + " earlier bad revision(s)"
                    : "",
                target.revision(),
                target.gitSha());
    return Optional.of(
        Diagnoses.act(f, hypothesis, bad.gitSha(), Calibration.ROLLBACK, cited, action));
  }

  /**
   * The revisions from the last one that ran healthy (excluded) up to the current one, oldest
   * first: a revision of unknown health is not known good, so it belongs to the run.
   */
  private static List<Revision> badRun(Findings f, Revision current) {
    List<Revision> revisions = f.history().orElseThrow().revisions();
    List<Revision> run = new java.util.ArrayList<>();
    for (int i = revisions.size() - 1; i >= 0; i--) {
      Revision r = revisions.get(i);
      if (r.revision() > current.revision()) {
        continue;
      }
      if (r.health() == RevisionHealth.HEALTHY) {
        break;
      }
      run.add(0, r);
    }
    return run;
  }

  /** The trouble began after this revision rolled out, within the recent window. */
  private boolean rolledOutShortlyBefore(Revision r, Instant onset) {
    boolean after = !onset.isBefore(r.deployedAt());
    return after && Duration.between(r.deployedAt(), onset).compareTo(recent) <= 0;
  }

  private static Optional<Revision> lastHealthyBefore(Findings f, Revision firstBad) {
    List<Revision> revisions = f.history().orElseThrow().revisions();
    for (int i = revisions.size() - 1; i >= 0; i--) {
      Revision r = revisions.get(i);
      if (r.revision() < firstBad.revision() && r.health() == RevisionHealth.HEALTHY) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private static String describe(Findings f) {
    if (f.has(SymptomKind.CRASH_LOOP) && f.has(SymptomKind.ERROR_RATE)) {
      return "crash-loops and serves errors";
    }
    return f.has(SymptomKind.CRASH_LOOP) ? "crash-loops" : "serves errors";
  }
}
