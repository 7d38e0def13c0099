package io.backstop.safety.plan;

import io.backstop.events.signal.WorkloadRef;
import java.util.Objects;

/**
 * What the planner needs to know of the Deployment it writes: its current revision (which the patch
 * tests first), whether its pod template has annotations ({@code null}: not known, as from the
 * signals triage gathered; only a restart's patch depends on it) and its desired replicas. Safety
 * rationale: the executor builds it from the live object just before the write, the guardrail from
 * what triage read, so both plan from the same fields and the patch differs only where the world
 * moved, which the {@code test} operation then makes the API server refuse.
 */
public record DeploymentView(
    WorkloadRef ref, long revision, Boolean templateHasAnnotations, int desiredReplicas) {

  public DeploymentView {
    Objects.requireNonNull(ref, "ref");
  }
}
