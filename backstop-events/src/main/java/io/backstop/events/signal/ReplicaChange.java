package io.backstop.events.signal;

import io.backstop.events.Require;
import io.backstop.events.id.EvidenceId;
import java.time.Instant;

/**
 * A Deployment's desired replicas changed from {@code from} to {@code to} at {@code at}, written by
 * {@code by} (the field manager or user the cluster records; "" when it does not say). {@code
 * byBackstop} is true only when the write carries Backstop's own action annotation.
 */
public record ReplicaChange(
    WorkloadRef workload,
    int from,
    int to,
    Instant at,
    String by,
    boolean byBackstop,
    EvidenceId evidence) {

  public ReplicaChange {
    Require.present(workload, "replicaChange.workload");
    Require.nonNegative(from, "replicaChange.from");
    Require.nonNegative(to, "replicaChange.to");
    Require.present(at, "replicaChange.at");
    by = by == null ? "" : by;
  }
}
