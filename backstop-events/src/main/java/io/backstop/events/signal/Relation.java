package io.backstop.events.signal;

/**
 * How a workload other than the alerted one is related to it. An alert often fires on a victim; the
 * cause is a dependency, an anomalous neighbour, a workload sharing its node, or another leg of the
 * same release.
 */
public enum Relation {
  /** The alerted workload depends on it (Service selector, env or config reference, annotation). */
  DEPENDENCY,
  /** It depends on the alerted workload. */
  DEPENDENT,
  /** Same namespace, its own signals anomalous in the same window. */
  ANOMALOUS_NEIGHBOUR,
  /** Its pods run on a node the alerted workload's pods run on. */
  SAME_NODE,
  /** It runs the same build (SHA or version) as the alerted workload's current revision. */
  SAME_RELEASE
}
