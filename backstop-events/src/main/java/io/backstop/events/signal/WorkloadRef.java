package io.backstop.events.signal;

import io.backstop.events.Require;

/** A workload named exactly: kind, namespace and name. */
public record WorkloadRef(WorkloadKind kind, String namespace, String name) {

  public WorkloadRef {
    Require.present(kind, "kind");
    Require.text(namespace, "namespace");
    Require.text(name, "name");
  }

  public static WorkloadRef deployment(String namespace, String name) {
    return new WorkloadRef(WorkloadKind.DEPLOYMENT, namespace, name);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase() + "/" + namespace + "/" + name;
  }
}
