package io.backstop.events.signal;

import io.backstop.events.Require;
import io.backstop.events.id.EvidenceId;

/**
 * A running pod differs from the template its ReplicaSet would create: a mutating webhook injected
 * a container or rewrote a limit, a LimitRange defaulted one. {@code template} and {@code running}
 * are the two values as text ("" when absent on that side); {@code changedBy} names who the cluster
 * says changed it ("" when it does not say). A rollback restores the template, which the same
 * mutation rewrites again: a crash caused by drift is not fixed by a rollback.
 */
public record TemplateDrift(
    WorkloadRef workload,
    String pod,
    String container,
    DriftDimension dimension,
    String template,
    String running,
    String changedBy,
    EvidenceId evidence) {

  public TemplateDrift {
    Require.present(workload, "drift.workload");
    Require.text(pod, "drift.pod");
    Require.present(dimension, "drift.dimension");
    container = container == null ? "" : container;
    template = template == null ? "" : template;
    running = running == null ? "" : running;
    changedBy = changedBy == null ? "" : changedBy;
  }
}
