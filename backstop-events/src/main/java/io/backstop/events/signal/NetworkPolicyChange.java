package io.backstop.events.signal;

import io.backstop.events.Require;
import io.backstop.events.id.EvidenceId;
import java.time.Instant;

/**
 * A NetworkPolicy (networking.k8s.io/v1) whose podSelector selects a workload's pods, created or
 * changed recently: {@code changedAt} is its latest write (creation or the latest managedFields
 * time), {@code generation} its spec generation (1: never edited since creation), {@code changedBy}
 * the field manager of that write ("" when the cluster does not say). {@code restrictsEgress} is
 * true when it governs the pods' egress (policyTypes holds Egress); {@code allowsDns} whether one
 * of its egress rules lets port 53 (UDP or TCP, or every port) out, null when it restricts no
 * egress.
 *
 * <p>Safety rationale: a NetworkPolicy is not part of a Deployment's template. A rollback or
 * restart of the Deployment leaves it selecting the new pods, so when it changed shortly before a
 * failure it is a suspect no Deployment write undoes.
 */
public record NetworkPolicyChange(
    WorkloadRef workload,
    String name,
    Instant createdAt,
    Instant changedAt,
    long generation,
    boolean restrictsEgress,
    Boolean allowsDns,
    String changedBy,
    EvidenceId evidence) {

  public NetworkPolicyChange {
    Require.present(workload, "networkPolicy.workload");
    Require.text(name, "networkPolicy.name");
    Require.present(changedAt, "networkPolicy.changedAt");
    changedBy = changedBy == null ? "" : changedBy;
  }

  /** It restricts egress and no egress rule lets DNS (port 53) out. */
  public boolean blocksDns() {
    return restrictsEgress && !Boolean.TRUE.equals(allowsDns);
  }

  /** {@code networkpolicy/<name>}, as an evidence subject names it. */
  public String subject() {
    return "networkpolicy/" + name;
  }
}
