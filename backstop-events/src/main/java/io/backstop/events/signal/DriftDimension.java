package io.backstop.events.signal;

/** Where a running pod's container differs from its ReplicaSet's template. */
public enum DriftDimension {
  IMAGE,
  MEMORY_LIMIT,
  MEMORY_REQUEST,
  CPU_LIMIT,
  CPU_REQUEST,
  ENV,
  INJECTED_CONTAINER
}
