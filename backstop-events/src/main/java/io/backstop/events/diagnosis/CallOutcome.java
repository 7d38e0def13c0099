package io.backstop.events.diagnosis;

/** How one model call ended. Only OK yields a diagnosis. */
public enum CallOutcome {
  OK,
  RATE_LIMITED,
  SERVER_ERROR,
  CLIENT_ERROR,
  TIMEOUT,
  CIRCUIT_OPEN,
  UNPARSEABLE,
  BUDGET_EXCEEDED
}
