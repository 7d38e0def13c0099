package io.backstop.safety.breaker;

/**
 * The breaker's states and their legal transitions. Safety rationale: CLOSED to OPEN by a trip,
 * OPEN to CLOSED ONLY by a human reset; there is no timer and no half-open state, so automation
 * never resumes on its own after a cascade.
 */
public enum BreakerState {
  CLOSED,
  OPEN;

  public enum Transition {
    TRIP,
    RESET
  }

  /** The next state, or an {@link IllegalStateException} for a transition the table forbids. */
  public BreakerState next(Transition transition) {
    if (this == CLOSED && transition == Transition.TRIP) {
      return OPEN;
    }
    if (this == OPEN && transition == Transition.RESET) {
      return CLOSED;
    }
    throw new IllegalStateException("breaker cannot " + transition + " when " + this);
  }

  public boolean allows(Transition transition) {
    return (this == CLOSED && transition == Transition.TRIP)
        || (this == OPEN && transition == Transition.RESET);
  }
}
