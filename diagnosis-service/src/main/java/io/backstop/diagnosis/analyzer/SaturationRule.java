package io.backstop.diagnosis.analyzer;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.Workload;
import java.util.Optional;

/**
 * Saturation under load with no crash loop: scale out by a bounded step (a percentage of the
 * desired replicas, at least one, never beyond the maximum). Already at the maximum: escalate.
 */
final class SaturationRule implements Rule {

  private final AnalyzerSettings settings;

  SaturationRule(AnalyzerSettings settings) {
    this.settings = settings;
  }

  @Override
  public Optional<Diagnosis> apply(Findings f) {
    Optional<Workload> entry = f.inventoryEntry();
    if (!f.has(SymptomKind.SATURATION) || f.has(SymptomKind.CRASH_LOOP) || entry.isEmpty()) {
      return Optional.empty();
    }
    var symptoms = f.of(SymptomKind.SATURATION, SymptomKind.LATENCY);
    int desired = entry.get().desiredReplicas();
    int step = Math.max(1, (int) Math.ceil(desired * settings.scaleUpPercent() / 100.0));
    int replicas = Math.min(settings.maxReplicas(), desired + step);
    if (replicas <= desired) {
      return Optional.of(
          Diagnoses.escalate(
              f,
              "%s is saturated at %d replicas, already at the scale bound of %d"
                  .formatted(f.workload().name(), desired, settings.maxReplicas()),
              Calibration.ESCALATE_KNOWN,
              f.cite(symptoms)));
    }
    var action = Diagnoses.deploymentAction(f, ActionType.SCALE, null, null, replicas);
    String hypothesis =
        "%s is saturated under load with no crash loop; scaling from %d to %d replicas adds capacity"
            .formatted(f.workload().name(), desired, replicas);
    return Optional.of(
        Diagnoses.act(f, hypothesis, null, Calibration.SCALE_OUT, f.cite(symptoms), action));
  }
}
