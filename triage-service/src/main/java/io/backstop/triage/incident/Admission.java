package io.backstop.triage.incident;

import io.backstop.events.id.IncidentId;

/**
 * What admitting one alert decided: the outcome, the group's new state (absent for a resolved
 * notification nobody was waiting for), the incident the alert belongs to, and whether this
 * delivery goes to the audit (a storm is recorded by its first alert and then by counts).
 */
public record Admission(
    Outcome outcome, IncidentRecord state, IncidentId incident, boolean audited) {

  /** The possible outcomes; only OPENED leads to gathering and diagnosis. */
  public enum Outcome {
    /** A new incident: signals are gathered. */
    OPENED,
    /** A re-fire, a duplicate delivery or another alert of the same group: counted. */
    ATTACHED,
    /** One fingerprint resolved while others of the group still fire. */
    RESOLVED_ONE,
    /** The last firing fingerprint resolved: the incident is closed. */
    CLOSED,
    /** A resolved notification for a group with no open incident: recorded, nothing else. */
    UNMATCHED_RESOLVED
  }
}
