package io.backstop.eval.corpus;

import java.util.List;

/**
 * A namespace several cases share (its workloads and their histories), so a case states only what
 * is particular to its incident. A case's workload of the same name overrides the base's field by
 * field: what the case gives (replicas, labels, the whole rollout history) replaces the base's.
 */
public record Base(
    String name, String namespace, String description, List<WorkloadSpec> workloads) {

  public Base {
    workloads = workloads == null ? List.of() : List.copyOf(workloads);
  }
}
