package io.backstop.eval.corpus;

import java.util.List;
import java.util.Map;

/**
 * A workload of the namespace as triage's inventory shows it. {@code kind} is Deployment unless
 * given (StatefulSet, DaemonSet); {@code ready} defaults to {@code replicas}; revisions are the
 * rollout history, the last one current unless one says {@code current: true}.
 */
public record WorkloadSpec(
    String name,
    String kind,
    Integer replicas,
    Integer ready,
    Map<String, String> labels,
    Boolean protectedLabel,
    Boolean singleton,
    List<RevisionSpec> revisions) {

  public WorkloadSpec {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    revisions = revisions == null ? List.of() : List.copyOf(revisions);
  }
}
