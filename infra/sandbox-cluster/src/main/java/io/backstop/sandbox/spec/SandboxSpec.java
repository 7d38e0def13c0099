package io.backstop.sandbox.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the sandbox runs: namespaces with their workloads, the health profile of each image
 * (images not listed run healthy), and the fault (which deployment goes bad, and when).
 */
public record SandboxSpec(
    List<NamespaceSpec> namespaces, Map<String, Health> images, FaultSpec fault) {

  public SandboxSpec {
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    images = images == null ? Map.of() : Map.copyOf(images);
  }

  /** What the sandbox runs for a loaded, validated scenario. */
  public static SandboxSpec from(io.backstop.scenario.Scenario scenario) {
    return ScenarioAdapter.from(scenario);
  }

  /** The health profile an image runs with; unknown images run healthy. */
  public Health healthOf(String image) {
    return images.getOrDefault(image, Health.healthy());
  }

  /** The fault, if the spec has one. */
  public Optional<FaultSpec> faultSpec() {
    return Optional.ofNullable(fault);
  }

  /** Whether the named deployment's last revision is deployed only later, by the fault. */
  public boolean deferredFaultOn(String namespace, String deployment) {
    return fault != null && fault.isDeferred() && fault.targets(namespace, deployment);
  }
}
