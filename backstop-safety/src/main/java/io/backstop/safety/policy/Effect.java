package io.backstop.safety.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * What a policy returns when its expression does not hold. Safety rationale: there is no "allow"
 * effect; a policy can only stop a proposal (deny) or hand it to a human (escalate).
 */
public enum Effect {
  DENY,
  ESCALATE;

  public static Optional<Effect> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Effect effect : values()) {
      if (effect.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
        return Optional.of(effect);
      }
    }
    return Optional.empty();
  }
}
