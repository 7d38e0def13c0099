package io.backstop.sandbox.controller;

import io.backstop.sandbox.spec.Health;
import io.backstop.sandbox.spec.MutationSpec;
import io.backstop.sandbox.spec.SandboxSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the spec says about a pod as it is created: how its container behaves (its image's profile,
 * or the profile of the revision whose image and env it runs), the node the scheduler puts it on,
 * and the mutating policy, if any, that rewrites it on admission.
 */
public final class PodPolicies {

  private final SandboxSpec spec;

  public PodPolicies(SandboxSpec spec) {
    this.spec = spec;
  }

  Health health(String namespace, String workload, Container container) {
    return spec.healthOf(namespace, workload, container.getImage(), plainEnv(container));
  }

  String node(String namespace, String workload) {
    return spec.nodeOf(namespace, workload).name();
  }

  Optional<MutationSpec> mutation(String namespace, String workload) {
    return spec.namespace(namespace).flatMap(n -> n.mutationOf(workload));
  }

  private static Map<String, String> plainEnv(Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    if (container.getEnv() != null) {
      for (EnvVar v : container.getEnv()) {
        if (v.getValue() != null) {
          env.put(v.getName(), v.getValue());
        }
      }
    }
    return env;
  }
}
