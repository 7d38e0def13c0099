package io.backstop.events.signal;

import io.backstop.events.Require;
import io.backstop.events.id.EvidenceId;
import java.time.Instant;
import java.util.List;

/**
 * A Secret or ConfigMap a workload references changed at {@code changedAt}; {@code oldestPodStart}
 * is when the oldest of the workload's running pods started (null when unknown). {@code
 * referencedAs} says how the workload's pod template references the object: through env or envFrom,
 * or a volume mounted by subPath, the pods hold the old value until they restart; through a volume
 * mounted whole, the kubelet rewrites the files in place within about a minute, so the pods can see
 * the change live (an app that watches its files reloads it). Empty when triage did not record it
 * (absent in older documents). {@code changedBy} is the field manager of the last write ("" when
 * the cluster does not say; absent in older documents).
 */
public record ConfigChange(
    WorkloadRef workload,
    ConfigKind kind,
    String name,
    Instant changedAt,
    Instant oldestPodStart,
    EvidenceId evidence,
    List<Reference> referencedAs,
    String changedBy) {

  /** The kind of object referenced. */
  public enum ConfigKind {
    SECRET,
    CONFIG_MAP
  }

  /** How a pod template references the object. */
  public enum Reference {
    /** An env var's secretKeyRef or configMapKeyRef: read once at container start. */
    ENV,
    /** envFrom: every key read once at container start. */
    ENV_FROM,
    /** A volume mounted by subPath: the kubelet never updates the file in a running pod. */
    SUB_PATH,
    /** A volume mounted whole: the kubelet updates its files in place in running pods. */
    VOLUME;

    /** Whether running pods keep the value they read at start until they restart. */
    public boolean heldUntilRestart() {
      return this != VOLUME;
    }
  }

  public ConfigChange {
    Require.present(workload, "configChange.workload");
    Require.present(kind, "configChange.kind");
    Require.text(name, "configChange.name");
    Require.present(changedAt, "configChange.changedAt");
    referencedAs =
        referencedAs == null ? List.of() : referencedAs.stream().distinct().sorted().toList();
    changedBy = changedBy == null ? "" : changedBy;
  }

  /** A change whose reference mode and writer triage did not record. */
  public ConfigChange(
      WorkloadRef workload,
      ConfigKind kind,
      String name,
      Instant changedAt,
      Instant oldestPodStart,
      EvidenceId evidence) {
    this(workload, kind, name, changedAt, oldestPodStart, evidence, List.of(), "");
  }

  /** Whether running pods started before the change (so they may hold the old value). */
  public boolean podsPredateChange() {
    return oldestPodStart != null && oldestPodStart.isBefore(changedAt);
  }

  /**
   * Whether the pods can only hold the old value until they restart: every recorded reference is
   * env, envFrom or a subPath mount. False when the reference is unknown.
   */
  public boolean heldUntilRestart() {
    return !referencedAs.isEmpty() && referencedAs.stream().allMatch(Reference::heldUntilRestart);
  }

  /** Whether the pods mount the object whole, so the kubelet puts the change in front of them. */
  public boolean seenLive() {
    return referencedAs.contains(Reference.VOLUME);
  }
}
