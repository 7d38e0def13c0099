package io.backstop.diagnosis.analyzer;

import io.backstop.diagnosis.Diagnosis;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.Workload;
import java.util.Optional;

/**
 * Saturation under load with no crash loop: scale out by a bounded step (a percentage of the
 * desired replicas, at least one, never beyond the maximum). Already at the maximum, replicas owned
 * by a HorizontalPodAutoscaler (it would undo the scale), or pods already refused: escalate.
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
    var hpas = f.signals().findings().autoscalersOf(f.workload());
    if (!hpas.isEmpty() || f.has(SymptomKind.AUTOSCALER_AT_MAX)) {
      return Optional.of(
          Diagnoses.escalate(
              f,
              "%s is saturated at %d replicas, but %s owns its replica count and puts any other back at its next sync: its owners must raise maxReplicas or the capacity behind it"
                  .formatted(
                      f.workload().name(),
                      desired,
                      hpas.isEmpty()
                          ? "a HorizontalPodAutoscaler at its maximum"
                          : "HPA "
                              + hpas.get(0).name()
                              + " (max "
                              + hpas.get(0).maxReplicas()
                              + ")"),
              Calibration.ESCALATE_KNOWN,
              f.cite(f.of(SymptomKind.SATURATION, SymptomKind.AUTOSCALER_AT_MAX))));
    }
    if (f.has(SymptomKind.REPLICAS_BLOCKED)) {
      return Optional.of(
          Diagnoses.escalate(
              f,
              "%s is saturated at %d replicas, but pods it already asks for cannot be created or scheduled: more replicas would only queue; the quota or the capacity must grow first"
                  .formatted(f.workload().name(), desired),
              Calibration.ESCALATE_KNOWN,
              f.cite(f.of(SymptomKind.SATURATION, SymptomKind.REPLICAS_BLOCKED))));
    }
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
