package io.backstop.events.signal;

import io.backstop.events.Require;
import io.backstop.events.id.EvidenceId;
import java.time.Instant;

/**
 * A Secret or ConfigMap a workload references changed at {@code changedAt}; {@code oldestPodStart}
 * is when the oldest of the workload's running pods started (null when unknown). Pods that started
 * before the change still hold the old value until they restart.
 */
public record ConfigChange(
    WorkloadRef workload,
    ConfigKind kind,
    String name,
    Instant changedAt,
    Instant oldestPodStart,
    EvidenceId evidence) {

  /** The kind of object referenced. */
  public enum ConfigKind {
    SECRET,
    CONFIG_MAP
  }

  public ConfigChange {
    Require.present(workload, "configChange.workload");
    Require.present(kind, "configChange.kind");
    Require.text(name, "configChange.name");
    Require.present(changedAt, "configChange.changedAt");
  }

  /** Whether running pods started before the change (so they may hold the old value). */
  public boolean podsPredateChange() {
    return oldestPodStart != null && oldestPodStart.isBefore(changedAt);
  }
}
