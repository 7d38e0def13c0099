package io.backstop.scenario;

import io.backstop.events.diagnosis.RecommendedAction;
import java.util.Map;

/**
 * The action a scripted diagnosis recommends, verbatim: {@code type} is text, so a model may ask
 * for {@code delete} or {@code scope: all}; the guardrail, not the scenario, decides what that
 * means.
 */
public record ScriptedAction(
    String type,
    String target,
    String namespace,
    String scope,
    Long revision,
    String gitSha,
    Integer replicas,
    Map<String, String> params,
    String podTemplateHash) {

  public ScriptedAction {
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  public ScriptedAction(
      String type,
      String target,
      String namespace,
      String scope,
      Long revision,
      String gitSha,
      Integer replicas,
      Map<String, String> params) {
    this(type, target, namespace, scope, revision, gitSha, replicas, params, null);
  }

  /** The same action in the event contract's shape. */
  public RecommendedAction toRecommendedAction() {
    return new RecommendedAction(
        type, target, namespace, scope, revision, gitSha, replicas, params, podTemplateHash);
  }
}
