package io.backstop.sandbox.access;

/** The roles a bearer token can hold in the sandbox. */
public enum Role {
  /** Scenario setup and the naive agent: everything. */
  ADMIN,
  /** Triage: get/list/watch and pods/log, never Secrets, never a write. */
  READ_ONLY,
  /** The executor: reads (no Secrets), and writes only by patching Deployments or their scale. */
  EXECUTOR
}
