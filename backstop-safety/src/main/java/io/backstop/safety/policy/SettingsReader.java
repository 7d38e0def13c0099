package io.backstop.safety.policy;

import io.backstop.events.diagnosis.ModelTier;
import io.backstop.safety.breaker.BreakerSettings;
import io.backstop.safety.budget.BudgetSettings;
import io.backstop.safety.config.ApprovalSettings;
import io.backstop.safety.config.Settings;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** Reads the {@code settings} section of the policy file into validated {@link Settings}. */
final class SettingsReader {

  private SettingsReader() {}

  static Settings read(YamlNode settings) {
    settings.expectOnly(
        Set.of(
            "confidence",
            "namespaces",
            "protectedNames",
            "blastRadius",
            "rollback",
            "restart",
            "budget",
            "breaker",
            "approval"));
    YamlNode confidence =
        settings.node("confidence").expectOnly(Set.of("minimum", "high", "write"));
    YamlNode namespaces = settings.node("namespaces").expectOnly(Set.of("allowed", "system"));
    YamlNode blast =
        settings
            .node("blastRadius")
            .expectOnly(
                Set.of("scaleMin", "scaleMax", "maxReplicasAffected", "maxWritesPerIncident"));
    return new Settings(
        confidence.decimal("minimum"),
        confidence.decimal("high"),
        tiers(confidence.node("write")),
        namespaces.texts("allowed"),
        namespaces.texts("system"),
        settings.texts("protectedNames"),
        blast.integer("scaleMin"),
        blast.integer("scaleMax"),
        blast.integer("maxReplicasAffected"),
        blast.integer("maxWritesPerIncident"),
        releaseTrain(settings.node("rollback").expectOnly(Set.of("releaseTrain", "maxOnsetDelay"))),
        settings.node("rollback").duration("maxOnsetDelay"),
        settings
            .node("restart")
            .expectOnly(Set.of("suspectDeployWindow"))
            .duration("suspectDeployWindow"),
        budget(settings.node("budget")),
        breaker(settings.node("breaker")),
        settings.has("approval") ? approval(settings.node("approval")) : ApprovalSettings.DEFAULTS);
  }

  /** The optional {@code approval} block; what it leaves out keeps its default. */
  private static ApprovalSettings approval(YamlNode approval) {
    approval.expectOnly(Set.of("expiry", "approvers", "production"));
    ApprovalSettings d = ApprovalSettings.DEFAULTS;
    YamlNode production =
        approval.has("production")
            ? approval.node("production").expectOnly(Set.of("approvers", "namespaces", "labels"))
            : null;
    return new ApprovalSettings(
        approval.has("expiry") ? approval.duration("expiry") : d.expiry(),
        approval.has("approvers") ? approval.integer("approvers") : d.approvers(),
        production != null && production.has("approvers")
            ? production.integer("approvers")
            : d.productionApprovers(),
        production != null && production.has("namespaces")
            ? production.texts("namespaces")
            : d.productionNamespaces(),
        production != null && production.has("labels")
            ? production.textMap("labels")
            : d.productionLabels());
  }

  /** {@code releaseTrain: escalate} (the default) or {@code coordinated}. */
  private static boolean releaseTrain(YamlNode rollback) {
    String value = rollback.text("releaseTrain");
    return switch (value) {
      case "escalate" -> false;
      case "coordinated" -> true;
      default ->
          throw rollback.error(
              rollback.path() + ".releaseTrain",
              "must be 'escalate' or 'coordinated', but was '" + value + "'");
    };
  }

  private static Map<ModelTier, Double> tiers(YamlNode write) {
    Map<ModelTier, Double> tiers = new EnumMap<>(ModelTier.class);
    for (String key : write.keys()) {
      ModelTier tier;
      try {
        tier = ModelTier.valueOf(key);
      } catch (IllegalArgumentException e) {
        throw write.error(write.path() + "." + key, "is not a model tier");
      }
      tiers.put(tier, write.decimal(key));
    }
    return tiers;
  }

  private static BudgetSettings budget(YamlNode budget) {
    budget.expectOnly(Set.of("rerouteBudget", "points", "maxSteps", "costs"));
    YamlNode costs =
        budget
            .node("costs")
            .expectOnly(Set.of("reroute", "guardrailHit", "blockedAction", "failedVerification"));
    return new BudgetSettings(
        budget.integer("rerouteBudget"),
        budget.integer("points"),
        budget.integer("maxSteps"),
        costs.integer("reroute"),
        costs.integer("guardrailHit"),
        costs.integer("blockedAction"),
        costs.integer("failedVerification"));
  }

  private static BreakerSettings breaker(YamlNode breaker) {
    breaker.expectOnly(Set.of("window", "maxWrites", "maxFailedRecoveries", "loop"));
    YamlNode loop = breaker.node("loop").expectOnly(Set.of("window", "maxWritesPerDeployment"));
    return new BreakerSettings(
        breaker.duration("window"),
        breaker.integer("maxWrites"),
        breaker.integer("maxFailedRecoveries"),
        loop.duration("window"),
        loop.integer("maxWritesPerDeployment"));
  }
}
