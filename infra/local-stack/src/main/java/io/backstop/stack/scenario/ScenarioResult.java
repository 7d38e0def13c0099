package io.backstop.stack.scenario;

import io.backstop.events.diagnosis.ModelCall;
import io.backstop.sandbox.SandboxSnapshot;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What one scenario run came to, as the CLI prints it in JSON: the terminal outcome, whether it met
 * the scenario's expectation (and if not, why), the cluster afterwards, every applied write and by
 * whom, pages and tickets, every model call, guardrail hits, cost, how long each stage took, and
 * whether the audit hash chain verified.
 */
public record ScenarioResult(
    String scenario,
    boolean passed,
    List<String> failures,
    String incidentId,
    String outcome,
    String escalationReason,
    String escalationSummary,
    Action action,
    ClusterAfter cluster,
    List<Write> writes,
    List<Page> pages,
    List<String> tickets,
    List<ModelCall> modelCalls,
    int fallbacks,
    int guardrailHits,
    BigDecimal costUsd,
    Map<String, Long> stageMillis,
    long totalMillis,
    Chain hashChain) {

  /** The write Backstop made and how it ended. */
  public record Action(
      String type,
      String namespace,
      String deployment,
      Long toRevision,
      String toSha,
      Integer replicas,
      String status,
      Long revisionBefore,
      Long revisionAfter,
      java.util.List<String> verification) {}

  /** The sandbox after the run. */
  public record ClusterAfter(
      List<DeploymentAfter> deployments, List<StatefulSetAfter> statefulSets) {

    /** A sandbox's state; a StatefulSet is touched when any write to it was carried out. */
    public static ClusterAfter of(SandboxSnapshot snapshot) {
      return new ClusterAfter(
          snapshot.deployments().stream()
              .map(
                  d ->
                      new DeploymentAfter(
                          d.namespace(),
                          d.name(),
                          d.revision(),
                          d.image(),
                          d.readyReplicas(),
                          d.desiredReplicas(),
                          d.errorRatio()))
              .toList(),
          snapshot.statefulSets().stream()
              .map(
                  s ->
                      new StatefulSetAfter(
                          s.namespace(),
                          s.name(),
                          s.generation(),
                          s.restarts(),
                          snapshot.writes().stream()
                              .anyMatch(
                                  w ->
                                      w.applied()
                                          && w.path().contains("/statefulsets/" + s.name()))))
              .toList());
    }
  }

  public record DeploymentAfter(
      String namespace,
      String name,
      long revision,
      String image,
      int ready,
      int desired,
      double errorRatio) {}

  public record StatefulSetAfter(
      String namespace, String name, long generation, int restarts, boolean touched) {}

  /** A write the sandbox API carried out, and which token made it. */
  public record Write(String principal, String method, String path, int code) {}

  public record Page(String action, String dedupKey, String summary) {}

  public record Chain(boolean intact, int eventsChecked, String firstBreak) {}
}
