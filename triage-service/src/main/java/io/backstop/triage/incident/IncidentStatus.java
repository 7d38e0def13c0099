package io.backstop.triage.incident;

/**
 * Whether an incident still takes alerts. A closed group opens a new incident on its next alert.
 */
public enum IncidentStatus {
  OPEN,
  CLOSED
}
