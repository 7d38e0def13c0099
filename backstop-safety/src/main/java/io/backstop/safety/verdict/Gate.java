package io.backstop.safety.verdict;

import java.util.Locale;
import java.util.Optional;

/**
 * The gates a proposal passes, in order. Safety rationale: the gate decides what a failure means (a
 * quality failure re-routes to a stronger model; an action, autonomy, budget or breaker failure
 * hands over to a human), so every verdict is recorded under the gate that produced it.
 */
public enum Gate {
  QUALITY,
  ACTION,
  AUTONOMY,
  BUDGET,
  BREAKER;

  /** The lower-case name used in the policy file and on the record. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads a gate name from the policy file; empty for anything unknown. */
  public static Optional<Gate> parse(String text) {
    for (Gate gate : values()) {
      if (gate.id().equals(text)) {
        return Optional.of(gate);
      }
    }
    return Optional.empty();
  }
}
