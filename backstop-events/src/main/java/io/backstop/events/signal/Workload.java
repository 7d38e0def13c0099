package io.backstop.events.signal;

import io.backstop.events.Require;
import java.util.Map;

/**
 * One workload of the inventory triage gathered, with the labels the action gate reads for
 * protection ({@code backstop.io/protected=true}). {@code singleton} is true when more than one
 * replica would break it: annotated {@code backstop.io/singleton=true} or mounting a ReadWriteOnce
 * volume claim (absent in documents of the first contract: false).
 */
public record Workload(
    WorkloadRef ref,
    int desiredReplicas,
    int readyReplicas,
    Map<String, String> labels,
    Boolean singleton) {

  public static final String PROTECTED_LABEL = "backstop.io/protected";
  public static final String SINGLETON_ANNOTATION = "backstop.io/singleton";

  public Workload {
    Require.present(ref, "ref");
    Require.nonNegative(desiredReplicas, "desiredReplicas");
    Require.nonNegative(readyReplicas, "readyReplicas");
    labels = Require.map(labels);
    singleton = Boolean.TRUE.equals(singleton);
  }

  /** A workload not known to be a singleton. */
  public Workload(
      WorkloadRef ref, int desiredReplicas, int readyReplicas, Map<String, String> labels) {
    this(ref, desiredReplicas, readyReplicas, labels, false);
  }

  public boolean labelledProtected() {
    return "true".equalsIgnoreCase(labels.getOrDefault(PROTECTED_LABEL, "false"));
  }
}
