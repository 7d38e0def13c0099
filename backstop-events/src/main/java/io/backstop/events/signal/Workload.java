package io.backstop.events.signal;

import io.backstop.events.Require;
import java.util.Map;

/**
 * One workload of the inventory triage gathered, with the labels the action gate reads for
 * protection ({@code backstop.io/protected=true}).
 */
public record Workload(
    WorkloadRef ref, int desiredReplicas, int readyReplicas, Map<String, String> labels) {

  public static final String PROTECTED_LABEL = "backstop.io/protected";

  public Workload {
    Require.present(ref, "ref");
    Require.nonNegative(desiredReplicas, "desiredReplicas");
    Require.nonNegative(readyReplicas, "readyReplicas");
    labels = Require.map(labels);
  }

  public boolean labelledProtected() {
    return "true".equalsIgnoreCase(labels.getOrDefault(PROTECTED_LABEL, "false"));
  }
}
