package io.backstop.events.signal;

import io.backstop.events.Require;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator that controls a workload: the object its controller ownerReference ({@code
 * controller: true}) names, when that object is a custom resource rather than a built-in workload
 * (Strimzi's KafkaConnect, a database operator's cluster resource). The operator renders the
 * workload from that resource and reconciles it back on every pass, so a rollback, a restart by
 * annotation or a scale written to the live object is undone or fought within minutes; the fix is a
 * change to the custom resource (or pausing its reconciliation), made by a person.
 *
 * <p>{@code apiVersion}, {@code kind} and {@code name} are the ownerReference's; {@code managedBy}
 * the workload's {@code app.kubernetes.io/managed-by} label when it has one (the name the operator
 * gives itself, for messages), "" otherwise. The label alone never makes an owner: Helm sets it on
 * every object a chart installs, and Helm reconciles nothing.
 */
public record OperatorOwner(String apiVersion, String kind, String name, String managedBy) {

  public OperatorOwner {
    Require.text(kind, "operator.kind");
    apiVersion = apiVersion == null ? "" : apiVersion;
    name = name == null ? "" : name;
    managedBy = managedBy == null ? "" : managedBy;
  }

  /**
   * {@code KafkaConnect connect (kafka.strimzi.io/v1beta2, managed by strimzi-cluster-operator)}.
   */
  public String describe() {
    List<String> detail = new ArrayList<>(2);
    if (!apiVersion.isBlank()) {
      detail.add(apiVersion);
    }
    if (!managedBy.isBlank()) {
      detail.add("managed by " + managedBy);
    }
    return kind
        + (name.isBlank() ? " (unnamed)" : " " + name)
        + (detail.isEmpty() ? "" : " (" + String.join(", ", detail) + ")");
  }
}
