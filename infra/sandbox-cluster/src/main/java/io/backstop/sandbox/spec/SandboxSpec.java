package io.backstop.sandbox.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the sandbox runs: namespaces with their workloads, the health profile of each image
 * (images not listed run healthy), the fault (which deployment goes bad, and when), and the nodes
 * (one default node when none is given).
 */
public record SandboxSpec(
    List<NamespaceSpec> namespaces,
    Map<String, Health> images,
    FaultSpec fault,
    List<NodeSpec> nodes) {

  public SandboxSpec {
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    images = images == null ? Map.of() : Map.copyOf(images);
    nodes = nodes == null || nodes.isEmpty() ? List.of(NodeSpec.DEFAULT) : List.copyOf(nodes);
  }

  public SandboxSpec(List<NamespaceSpec> namespaces, Map<String, Health> images, FaultSpec fault) {
    this(namespaces, images, fault, null);
  }

  /** What the sandbox runs for a loaded, validated scenario. */
  public static SandboxSpec from(io.backstop.scenario.Scenario scenario) {
    return ScenarioAdapter.from(scenario);
  }

  /** The health profile an image runs with; unknown images run healthy. */
  public Health healthOf(String image) {
    return images.getOrDefault(image, Health.healthy());
  }

  /**
   * The health profile of a container of a deployment's pod: the profile of the revision whose
   * image and env it runs, when that revision has one of its own (a config-only revision), else its
   * image's.
   */
  public Health healthOf(
      String namespace, String deployment, String image, Map<String, String> plainEnv) {
    return deployment(namespace, deployment)
        .flatMap(
            d ->
                d.revisions().stream()
                    .filter(r -> r.profile() != null && r.image().equals(image))
                    .filter(r -> d.envOf(r).equals(plainEnv))
                    .map(RevisionSpec::profile)
                    .findFirst())
        .orElseGet(() -> healthOf(image));
  }

  public Optional<NamespaceSpec> namespace(String name) {
    return namespaces.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  public Optional<DeploymentSpec> deployment(String namespace, String name) {
    return namespace(namespace).flatMap(n -> n.deployment(name));
  }

  /** The node a deployment's pods run on: its own, else the first node. */
  public NodeSpec nodeOf(String namespace, String deployment) {
    String wanted = deployment(namespace, deployment).map(DeploymentSpec::node).orElse(null);
    return nodes.stream().filter(n -> n.name().equals(wanted)).findFirst().orElse(nodes.get(0));
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
