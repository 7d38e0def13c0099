package io.backstop.safety.config;

import io.backstop.events.diagnosis.ModelTier;
import io.backstop.safety.breaker.BreakerSettings;
import io.backstop.safety.budget.BudgetSettings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The thresholds of the policy file. Safety rationale: validated when loaded (a confidence outside
 * [0, 1], a scale range that allows 0, a tier without a write threshold all fail the load), so the
 * gates never run on a half-configured file.
 *
 * @param minConfidence the quality gate's confidence floor
 * @param highConfidence at or above it, a diagnosis must cite supporting evidence
 * @param writeConfidence per tier, the confidence a write action needs (autonomy follows the tier)
 * @param coordinatedRollback whether a rollback of one leg of a release train may be approved on
 *     its own merits (false, the default: it escalates, naming every Deployment on the train)
 * @param maxOnsetDelay a deploy counts as the bad deploy only if the anomaly began within this long
 *     after it rolled out (a revision that ran fine for days is not the cause)
 * @param suspectDeployWindow a current revision deployed this shortly before the onset is a suspect
 * @param approval how a human approves a write that fell short of autonomy
 */
public record Settings(
    double minConfidence,
    double highConfidence,
    Map<ModelTier, Double> writeConfidence,
    List<String> allowedNamespaces,
    List<String> systemNamespaces,
    List<String> protectedNames,
    int scaleMin,
    int scaleMax,
    int maxReplicasAffected,
    int maxWritesPerIncident,
    boolean coordinatedRollback,
    Duration maxOnsetDelay,
    Duration suspectDeployWindow,
    BudgetSettings budget,
    BreakerSettings breaker,
    ApprovalSettings approval) {

  public Settings {
    unit(minConfidence, "confidence.minimum");
    unit(highConfidence, "confidence.high");
    writeConfidence = new EnumMap<>(writeConfidence);
    for (ModelTier tier : ModelTier.values()) {
      Double value = writeConfidence.get(tier);
      if (value == null) {
        throw new IllegalArgumentException("confidence.write." + tier + " is missing");
      }
      unit(value, "confidence.write." + tier);
    }
    writeConfidence = Map.copyOf(writeConfidence);
    allowedNamespaces = List.copyOf(allowedNamespaces);
    systemNamespaces = List.copyOf(systemNamespaces);
    protectedNames = List.copyOf(protectedNames);
    if (scaleMin < 1 || scaleMax < scaleMin) {
      throw new IllegalArgumentException(
          "scale bounds must satisfy 1 <= min <= max, but were ["
              + scaleMin
              + ", "
              + scaleMax
              + "]");
    }
    if (maxReplicasAffected < 1 || maxWritesPerIncident < 1) {
      throw new IllegalArgumentException(
          "maxReplicasAffected and maxWritesPerIncident must be >= 1, but were "
              + maxReplicasAffected
              + " and "
              + maxWritesPerIncident);
    }
    positive(maxOnsetDelay, "rollback.maxOnsetDelay");
    positive(suspectDeployWindow, "restart.suspectDeployWindow");
    if (budget == null || breaker == null) {
      throw new IllegalArgumentException("budget and breaker settings are required");
    }
    approval = approval == null ? ApprovalSettings.DEFAULTS : approval;
  }

  /** Settings with the default approval settings. */
  public Settings(
      double minConfidence,
      double highConfidence,
      Map<ModelTier, Double> writeConfidence,
      List<String> allowedNamespaces,
      List<String> systemNamespaces,
      List<String> protectedNames,
      int scaleMin,
      int scaleMax,
      int maxReplicasAffected,
      int maxWritesPerIncident,
      boolean coordinatedRollback,
      Duration maxOnsetDelay,
      Duration suspectDeployWindow,
      BudgetSettings budget,
      BreakerSettings breaker) {
    this(
        minConfidence,
        highConfidence,
        writeConfidence,
        allowedNamespaces,
        systemNamespaces,
        protectedNames,
        scaleMin,
        scaleMax,
        maxReplicasAffected,
        maxWritesPerIncident,
        coordinatedRollback,
        maxOnsetDelay,
        suspectDeployWindow,
        budget,
        breaker,
        ApprovalSettings.DEFAULTS);
  }

  public double writeConfidence(ModelTier tier) {
    return writeConfidence.get(tier);
  }

  private static void unit(double value, String name) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, but was " + value);
    }
  }

  private static void positive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, but was " + value);
    }
  }
}
