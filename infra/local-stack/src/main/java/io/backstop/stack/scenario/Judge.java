package io.backstop.stack.scenario;

import io.backstop.events.ActionExecuted;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.Escalated;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.VerdictOutcome;
import io.backstop.scenario.Expected;
import io.backstop.scenario.ExpectedAction;
import io.backstop.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Holds a run to its scenario's expectation: the right outcome (the expected action verified on the
 * expected target and revision, or an escalation or approval request for the expected reason whose
 * summary names every workload it must, stopped by the expected policies), nothing written to the
 * workloads that must stay untouched, one page and one ticket, and an intact hash chain.
 */
final class Judge {

  private Judge() {}

  static List<String> failures(Scenario scenario, ScenarioResult result, IncidentTrail trail) {
    List<String> failures = new ArrayList<>();
    Expected expected = scenario.expected();
    if (!expected.outcome().name().equals(result.outcome())) {
      failures.add("expected outcome " + expected.outcome() + " but was " + result.outcome());
    }
    if (expected.outcome() == Expected.Outcome.ACTION_VERIFIED && expected.action() != null) {
      actionFailures(expected.action(), trail).ifPresent(failures::add);
      clusterFailures(scenario, expected.action(), result).ifPresent(failures::add);
    }
    if (expected.outcome().needsPerson()
        && expected.reason() != null
        && !expected.reason().name().equals(result.escalationReason())) {
      failures.add(
          "expected the reason " + expected.reason() + " but was " + result.escalationReason());
    }
    String summary = result.escalationSummary() == null ? "" : result.escalationSummary();
    for (String name : expected.mentions()) {
      if (!Pattern.compile("(?<![a-z0-9-])" + name + "(?![a-z0-9-])").matcher(summary).find()) {
        failures.add("what the person is told does not name " + name + ": \"" + summary + "\"");
      }
    }
    var stopping =
        Stream.concat(
                trail.all(Escalated.class).stream().flatMap(e -> e.verdicts().stream()),
                trail.all(ApprovalRequested.class).stream().flatMap(a -> a.verdicts().stream()))
            .filter(v -> v.outcome() != VerdictOutcome.ALLOW)
            .map(PolicyVerdict::policyId)
            .distinct()
            .toList();
    for (String policy : expected.stoppedBy()) {
      if (!stopping.contains(policy)) {
        failures.add("expected a stop by " + policy + " but the stops were by " + stopping);
      }
    }
    for (String name : expected.untouched()) {
      result.writes().stream()
          .filter(w -> touches(w.path(), name))
          .findFirst()
          .ifPresent(
              w ->
                  failures.add(
                      name
                          + " must stay untouched but "
                          + w.principal()
                          + " wrote "
                          + w.method()
                          + " "
                          + w.path()));
    }
    long dedupKeys = result.pages().stream().map(ScenarioResult.Page::dedupKey).distinct().count();
    if (dedupKeys != 1) {
      failures.add("expected one page (one dedup key) but saw " + dedupKeys);
    }
    if (result.tickets().size() != 1) {
      failures.add("expected one ticket but saw " + result.tickets().size());
    }
    if (!result.hashChain().intact()) {
      failures.add("audit hash chain broken: " + result.hashChain().firstBreak());
    }
    return failures;
  }

  private static Optional<String> actionFailures(ExpectedAction want, IncidentTrail trail) {
    Optional<ActionExecuted> verified =
        trail.all(ActionExecuted.class).stream()
            .filter(x -> x.status() == ExecutionStatus.VERIFIED)
            .findFirst();
    if (verified.isEmpty()) {
      String escalated =
          trail.all(Escalated.class).stream()
              .map(e -> e.reason() + ": " + e.summary())
              .findFirst()
              .orElse("no escalation either");
      return Optional.of(
          "expected a verified "
              + want.type()
              + " of "
              + want.deployment()
              + " but none was verified ("
              + escalated
              + ")");
    }
    var action = verified.get().action();
    if (action.type() != want.type()) {
      return Optional.of("expected " + want.type() + " but " + action.type() + " was verified");
    }
    if (!action.target().name().equals(want.deployment())
        || !action.target().namespace().equals(want.namespace())) {
      return Optional.of(
          "expected the action on "
              + want.namespace()
              + "/"
              + want.deployment()
              + " but it was on "
              + action.target());
    }
    if (want.revision() != null && !want.revision().equals(action.toRevision())) {
      return Optional.of(
          "expected rollback to revision "
              + want.revision()
              + " but it went to "
              + action.toRevision());
    }
    if (want.gitSha() != null
        && action.toSha() != null
        && !io.backstop.safety.facts.ShaMatch.sameCommit(want.gitSha(), action.toSha())) {
      return Optional.of(
          "expected rollback to SHA " + want.gitSha() + " but it was " + action.toSha());
    }
    if (action.replicas() != null
        && ((want.minReplicas() != null && action.replicas() < want.minReplicas())
            || (want.maxReplicas() != null && action.replicas() > want.maxReplicas()))) {
      return Optional.of(
          "scaled to "
              + action.replicas()
              + ", outside the expected ["
              + want.minReplicas()
              + ", "
              + want.maxReplicas()
              + "]");
    }
    return Optional.empty();
  }

  /**
   * A verified action must agree with the cluster as it is now: the target serving with all its
   * replicas and errors under 5%, and a rollback running the expected revision's image. Backstop's
   * own record is not taken on its word.
   */
  private static Optional<String> clusterFailures(
      Scenario scenario, ExpectedAction want, ScenarioResult result) {
    Optional<ScenarioResult.DeploymentAfter> target =
        result.cluster().deployments().stream()
            .filter(
                d -> d.namespace().equals(want.namespace()) && d.name().equals(want.deployment()))
            .findFirst();
    if (target.isEmpty()) {
      return Optional.of(want.namespace() + "/" + want.deployment() + " is gone from the cluster");
    }
    var d = target.get();
    if (d.ready() < d.desired() || d.errorRatio() >= 0.05) {
      return Optional.of(
          "the cluster disagrees with the verified action: "
              + d.name()
              + " has "
              + d.ready()
              + "/"
              + d.desired()
              + " ready and "
              + d.errorRatio()
              + " errors");
    }
    if (want.revision() != null) {
      Optional<String> image =
          scenario
              .cluster()
              .deployment(want.namespace(), want.deployment())
              .flatMap(
                  dep ->
                      dep.revisions().stream()
                          .filter(r -> r.revision() == want.revision())
                          .findFirst())
              .map(io.backstop.scenario.DeployedRevision::image);
      if (image.isPresent() && !image.get().equals(d.image())) {
        return Optional.of(
            "the cluster disagrees with the verified rollback: "
                + d.name()
                + " runs "
                + d.image()
                + ", not revision "
                + want.revision()
                + "'s "
                + image.get());
      }
    }
    return Optional.empty();
  }

  private static boolean touches(String path, String name) {
    return path.endsWith("/" + name)
        || path.contains("/" + name + "/")
        || path.contains("/" + name + "?");
  }
}
