package io.backstop.safety.policy;

import io.backstop.safety.verdict.Gate;
import java.util.Objects;

/**
 * One policy as written in the policy file. Safety rationale: the expression states what must HOLD
 * for the proposal to pass, as in a Kubernetes ValidatingAdmissionPolicy; anything but exactly
 * {@code true} triggers the effect.
 *
 * @param message the reason on the record when it does not hold; {@code {fact.name}} is replaced by
 *     that fact's value
 * @param approvable a human may approve a write this policy escalates (only an escalate policy can
 *     be: a deny is a hard rule, and no approval ever overrides it)
 */
public record PolicyDefinition(
    String id,
    Gate gate,
    Effect effect,
    String description,
    String expression,
    String message,
    boolean approvable) {

  public PolicyDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(expression, "expression");
    description = description == null ? "" : description;
    message = message == null || message.isBlank() ? description : message;
    if (approvable && effect != Effect.ESCALATE) {
      throw new IllegalArgumentException(
          "policy '" + id + "' denies: a deny is a hard rule and cannot be approvable");
    }
  }

  /** A policy no human approval overrides. */
  public PolicyDefinition(
      String id, Gate gate, Effect effect, String description, String expression, String message) {
    this(id, gate, effect, description, expression, message, false);
  }
}
