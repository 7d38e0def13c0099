package io.backstop.events.signal;

/** Kubernetes workload kinds Backstop recognises. Only a DEPLOYMENT can ever be acted upon. */
public enum WorkloadKind {
  DEPLOYMENT,
  STATEFULSET,
  DAEMONSET,
  OTHER
}
