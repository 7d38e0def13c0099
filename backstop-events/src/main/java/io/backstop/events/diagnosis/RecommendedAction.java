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
 */
public record RecommendedAction(
    String type,
    String target,
    String namespace,
    String scope,
    Long revision,
    String gitSha,
    Integer replicas,
    Map<String, String> params) {

  public RecommendedAction {
    Require.text(type, "action.type");
    params = Require.map(params);
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
