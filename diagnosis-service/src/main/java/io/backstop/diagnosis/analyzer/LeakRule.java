package io.backstop.diagnosis.analyzer;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.SymptomKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Memory growth, OOM kills or wedged pods with no recent deploy: a rolling restart buys time (the
 * leak itself is for a human to fix). With a recent deploy the cause is ambiguous, so no restart.
 */
final class LeakRule implements Rule {

  private final Duration recent;

  LeakRule(Duration recent) {
    this.recent = recent;
  }

  @Override
  public Optional<Diagnosis> apply(Findings f) {
    if (!f.has(SymptomKind.MEMORY_GROWTH, SymptomKind.OOM_KILLED, SymptomKind.WEDGED_PODS)
        || recentDeploy(f)) {
      return Optional.empty();
    }
    var symptoms = f.of(SymptomKind.MEMORY_GROWTH, SymptomKind.OOM_KILLED, SymptomKind.WEDGED_PODS);
    var action = Diagnoses.deploymentAction(f, ActionType.RESTART, null, null, null);
    boolean leak = f.has(SymptomKind.MEMORY_GROWTH) && f.has(SymptomKind.OOM_KILLED);
    String hypothesis =
        "%s shows %s with no recent deploy: a leak or wedged state that a rolling restart relieves"
            .formatted(f.workload().name(), f.kinds());
    return Optional.of(
        Diagnoses.act(
            f,
            hypothesis,
            null,
            leak ? Calibration.RESTART_LEAK : Calibration.RESTART_OTHER,
            f.cite(symptoms),
            action));
  }

  private boolean recentDeploy(Findings f) {
    Optional<Revision> current = f.history().flatMap(h -> h.current());
    Optional<Instant> onset = f.onset();
    if (current.isEmpty() || onset.isEmpty()) {
      return false;
    }
    Duration age = Duration.between(current.get().deployedAt(), onset.get());
    return age.compareTo(recent) <= 0;
  }
}
