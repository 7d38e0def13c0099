package io.backstop.diagnosis.analyzer;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.SymptomKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A crash loop or error spike that began after the current revision rolled out (within the recent
 * window) points at that deploy: roll back to the last earlier revision that ran healthy, skipping
 * unhealthy ones. With no healthy earlier revision, escalate.
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
    if (current.isEmpty() || onset.isEmpty() || !suspect(current.get(), onset.get())) {
      return Optional.empty();
    }
    Revision bad = current.get();
    var symptoms = f.of(SymptomKind.CRASH_LOOP, SymptomKind.ERROR_RATE);
    List<String> cited = f.cite(symptoms, EvidenceKind.ROLLOUT);
    Optional<Revision> healthy = lastHealthyBefore(f, bad);
    if (healthy.isEmpty()) {
      return Optional.of(
          Diagnoses.escalate(
              f,
              "revision %d of %s (sha %s) fails since it rolled out, but no earlier revision is known to have run healthy"
                  .formatted(bad.revision(), f.workload().name(), bad.gitSha()),
              0.6,
              cited));
    }
    Revision target = healthy.get();
    var action =
        Diagnoses.deploymentAction(
            f, ActionType.ROLLBACK, target.revision(), target.gitSha(), null);
    boolean strong = f.has(SymptomKind.CRASH_LOOP) && f.has(SymptomKind.ERROR_RATE);
    String hypothesis =
        "%s revision %d (sha %s, \"%s\") %s since it rolled out at %s; revision %d (sha %s) last ran healthy"
            .formatted(
                f.workload().name(),
                bad.revision(),
                bad.gitSha(),
                bad.changeCause(),
                describe(f),
                bad.deployedAt(),
                target.revision(),
                target.gitSha());
    return Optional.of(
        Diagnoses.act(f, hypothesis, bad.gitSha(), strong ? 0.8 : 0.7, cited, action));
  }

  private boolean suspect(Revision current, Instant onset) {
    boolean after = !onset.isBefore(current.deployedAt());
    boolean soon = Duration.between(current.deployedAt(), onset).compareTo(recent) <= 0;
    return after && soon && current.health() != RevisionHealth.HEALTHY;
  }

  private static Optional<Revision> lastHealthyBefore(Findings f, Revision bad) {
    List<Revision> revisions = f.history().orElseThrow().revisions();
    for (int i = revisions.size() - 1; i >= 0; i--) {
      Revision r = revisions.get(i);
      if (r.revision() < bad.revision() && r.health() == RevisionHealth.HEALTHY) {
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
