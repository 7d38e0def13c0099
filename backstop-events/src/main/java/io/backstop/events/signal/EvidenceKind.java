package io.backstop.events.signal;

/** Where an evidence item came from. */
public enum EvidenceKind {
  METRIC,
  LOG,
  EVENT,
  POD,
  ROLLOUT,
  /** A node's conditions, capacity and evictions. */
  NODE,
  /** A Secret's or ConfigMap's metadata (never its data), or a Service's selector. */
  CONFIG
}
