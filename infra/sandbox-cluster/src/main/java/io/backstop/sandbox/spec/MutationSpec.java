package io.backstop.sandbox.spec;

/**
 * A mutating admission policy the cluster runs (not Backstop): every pod of {@code deployment} is
 * created with its first container's memory limit rewritten to {@code memoryLimit}, and the policy
 * engine records the patch in an annotation on the pod.
 */
public record MutationSpec(String name, String deployment, String memoryLimit) {

  public MutationSpec {
    Names.requireDnsLabel("mutation", name);
    Names.requireDnsLabel("deployment", deployment);
    Quantities.bytes(memoryLimit);
  }
}
