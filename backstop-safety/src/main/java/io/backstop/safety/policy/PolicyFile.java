package io.backstop.safety.policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The policy file as written, bound by Jackson as the scenarios are: every key this shape does not
 * name is an error and no value is coerced from another type (a quoted number, a number where a
 * duration is due). Every value is boxed so that a key left out is seen as missing (and named by
 * {@link PolicyFileReader}), never read as 0. {@link PolicyBook} turns it into validated {@code
 * Settings} and compiled policies. Safety rationale: a typo in the file never becomes a silent
 * default.
 */
record PolicyFile(SettingsBlock settings, List<PolicyEntry> policies) {

  record SettingsBlock(
      Confidence confidence,
      Namespaces namespaces,
      List<String> protectedNames,
      BlastRadius blastRadius,
      Rollback rollback,
      Restart restart,
      Budget budget,
      Breaker breaker,
      Approval approval) {}

  record Confidence(Double minimum, Double high, Map<String, Double> write) {}

  record Namespaces(List<String> allowed, List<String> system) {}

  record BlastRadius(
      Integer scaleMin,
      Integer scaleMax,
      Integer maxReplicasAffected,
      Integer maxWritesPerIncident) {}

  record Rollback(String releaseTrain, Duration maxOnsetDelay) {}

  record Restart(Duration suspectDeployWindow) {}

  record Budget(Integer rerouteBudget, Integer points, Integer maxSteps, Costs costs) {}

  record Costs(
      Integer reroute, Integer guardrailHit, Integer blockedAction, Integer failedVerification) {}

  record Breaker(
      Duration window,
      Integer maxWrites,
      Integer maxFailedRecoveries,
      Loop loop,
      Duration cooldown) {}

  record Loop(Duration window, Integer maxWritesPerDeployment) {}

  /** Optional, and so is each of its keys: what it leaves out keeps its default. */
  record Approval(Duration expiry, Integer approvers, Production production) {}

  record Production(Integer approvers, List<String> namespaces, Map<String, String> labels) {}

  record PolicyEntry(
      String id,
      String gate,
      String effect,
      String description,
      String expression,
      String message,
      Boolean approvable) {}
}
