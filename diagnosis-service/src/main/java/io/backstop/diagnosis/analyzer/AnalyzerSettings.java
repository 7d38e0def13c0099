package io.backstop.diagnosis.analyzer;

import java.time.Duration;
import java.util.Objects;

/**
 * The analyzer's bounds: a deploy counts as the suspect when the anomaly began within {@code
 * recentDeploy} after it rolled out; a scale-out adds {@code scaleUpPercent} of the desired
 * replicas (at least one), never beyond {@code maxReplicas}.
 */
public record AnalyzerSettings(Duration recentDeploy, int scaleUpPercent, int maxReplicas) {

  public AnalyzerSettings {
    Objects.requireNonNull(recentDeploy, "recentDeploy");
    if (scaleUpPercent < 1 || maxReplicas < 1) {
      throw new IllegalArgumentException(
          "scaleUpPercent and maxReplicas must be >= 1, but were "
              + scaleUpPercent
              + " and "
              + maxReplicas);
    }
  }

  public static AnalyzerSettings defaults() {
    return new AnalyzerSettings(Duration.ofHours(2), 50, 20);
  }
}
