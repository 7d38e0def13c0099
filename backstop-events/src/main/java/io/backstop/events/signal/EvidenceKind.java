package io.backstop.events.signal;

/** Where an evidence item came from. */
public enum EvidenceKind {
  METRIC,
  LOG,
  EVENT,
  POD,
  ROLLOUT
}
