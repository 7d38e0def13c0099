package io.backstop.events.diagnosis;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.backstop.events.Require;
import java.util.Map;
import java.util.Optional;

/**
 * The action a diagnosis recommends, kept exactly as the model said it. {@code type} is the
 * verbatim verb; it only becomes an {@link ActionType} through {@link #actionType()}, so a request
 * for {@code delete} or {@code scope=all} is on the record but can never be executed. Numbers the
 * model gave ({@code revision}, {@code replicas}) are kept as given; the guardrail checks them.
 *
 * <p>A rollback names the revision it goes to by its number and git SHA, or, for a revision with no
 * SHA of its own ({@code kubectl set env}, {@code edit}, {@code patch}), by its number and {@code
 * podTemplateHash} (the ReplicaSet's {@code pod-template-hash} label). The guardrail completes a
 * rollback that names only one of them from the rollout history when that is unambiguous.
 */
public record RecommendedAction(
    String type,
    String target,
    String namespace,
    String scope,
    Long revision,
    String gitSha,
    Integer replicas,
    Map<String, String> params,
    String podTemplateHash) {

  public RecommendedAction {
    Require.text(type, "action.type");
    params = Require.map(params);
  }

  /** An action that names no pod-template hash (the first contract's shape). */
  public RecommendedAction(
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

  public static RecommendedAction of(ActionType type, String target, String namespace) {
    return new RecommendedAction(type.name(), target, namespace, null, null, null, null, null);
  }

  /** The executable type, or empty when the verb is outside the closed vocabulary. */
  @JsonIgnore
  public Optional<ActionType> actionType() {
    return ActionType.parse(type);
  }

  /** On the record for readers of the audit log; derived from {@code type}, never read back. */
  @JsonProperty(value = "supported", access = JsonProperty.Access.READ_ONLY)
  public boolean supported() {
    return actionType().isPresent();
  }
}
