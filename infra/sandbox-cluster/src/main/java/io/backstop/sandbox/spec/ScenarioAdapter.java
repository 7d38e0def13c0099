package io.backstop.sandbox.spec;

import io.backstop.scenario.ClusterSpec;
import io.backstop.scenario.DeployedRevision;
import io.backstop.scenario.Deployment;
import io.backstop.scenario.Fault;
import io.backstop.scenario.HealthProfile;
import io.backstop.scenario.Namespace;
import io.backstop.scenario.Resources;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.StatefulSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps a loaded, validated scenario onto what the sandbox runs. */
final class ScenarioAdapter {

  private ScenarioAdapter() {}

  static SandboxSpec from(Scenario scenario) {
    Map<String, Health> images = new LinkedHashMap<>();
    scenario.images().forEach((image, profile) -> images.put(image, health(profile)));
    return new SandboxSpec(
        scenario.cluster().namespaces().stream().map(ScenarioAdapter::namespace).toList(),
        images,
        scenario.fault() == null ? null : fault(scenario.fault()),
        scenario.cluster().nodes().stream().map(ScenarioAdapter::node).toList());
  }

  private static NodeSpec node(ClusterSpec.NodeSpec n) {
    return new NodeSpec(n.name(), Quantities.bytes(n.allocatableMemory()));
  }

  private static NamespaceSpec namespace(Namespace ns) {
    return new NamespaceSpec(
        ns.name(),
        ns.labels(),
        ns.deployments().stream().map(ScenarioAdapter::deployment).toList(),
        ns.statefulSets().stream().map(ScenarioAdapter::statefulSet).toList(),
        ns.secrets().stream().map(s -> new SecretSpec(s.name(), s.changedAgo())).toList(),
        ns.mutations().stream()
            .map(m -> new MutationSpec(m.name(), m.deployment(), m.memoryLimit()))
            .toList());
  }

  private static DeploymentSpec deployment(Deployment d) {
    return new DeploymentSpec(
        d.name(),
        d.replicas(),
        d.labels(),
        d.container(),
        d.port(),
        d.requestsPerSecond(),
        resources(d.resources()),
        d.revisions().stream().map(ScenarioAdapter::revision).toList(),
        d.logs(),
        d.env(),
        d.secretEnv(),
        d.annotations(),
        d.node());
  }

  private static RevisionSpec revision(DeployedRevision r) {
    return new RevisionSpec(
        r.revision(),
        r.image(),
        r.gitSha(),
        r.deployedAgo(),
        r.changeCause(),
        r.env(),
        r.profile() == null ? null : health(r.profile()));
  }

  private static StatefulSetSpec statefulSet(StatefulSet s) {
    return new StatefulSetSpec(
        s.name(), s.replicas(), s.labels(), s.container(), s.image(), resources(s.resources()));
  }

  private static ContainerResources resources(Resources r) {
    if (r == null) {
      return ContainerResources.DEFAULT;
    }
    return new ContainerResources(
        r.requests().cpu(),
        r.requests().memory(),
        r.limits().cpu(),
        r.limits().memory(),
        r.limits().ephemeralStorage());
  }

  private static FaultSpec fault(Fault fault) {
    FaultSpec.Kind kind =
        switch (fault.kind()) {
          case ROLLOUT -> FaultSpec.Kind.ROLLOUT;
          case CONDITION -> FaultSpec.Kind.CONDITION;
          case SCALE -> FaultSpec.Kind.SCALE;
          case ROTATION -> FaultSpec.Kind.ROTATION;
          case NODE_PRESSURE -> FaultSpec.Kind.NODE_PRESSURE;
          case ADMISSION -> FaultSpec.Kind.ADMISSION;
        };
    return new FaultSpec(
        kind,
        fault.namespace(),
        fault.deployment(),
        fault.after(),
        fault.profile() == null ? null : health(fault.profile()),
        fault.replicas() == null ? 0 : fault.replicas(),
        fault.by(),
        fault.secret());
  }

  static Health health(HealthProfile p) {
    return new Health(
        kind(p.kind()),
        p.errorRate() == null ? 0.0 : p.errorRate(),
        p.logs(),
        p.exitReason(),
        p.exitCode() == null ? 0 : p.exitCode(),
        p.memoryGrowthBytesPerMinute(),
        p.cpuUtilisation() == null ? 0 : p.cpuUtilisation(),
        p.latencyP99(),
        p.trafficMultiplier() == null ? 0 : p.trafficMultiplier(),
        p.dependency(),
        p.statusCode() == null ? 0 : p.statusCode(),
        p.diskGrowthBytesPerMinute(),
        p.memoryAtStartBytes(),
        p.diskAtStartBytes());
  }

  private static HealthKind kind(HealthProfile.Kind kind) {
    return switch (kind) {
      case HEALTHY -> HealthKind.HEALTHY;
      case CRASH_LOOP -> HealthKind.CRASH_LOOP;
      case ERROR_RATE -> HealthKind.ERROR_RATE;
      case MEMORY_LEAK -> HealthKind.MEMORY_LEAK;
      case SATURATED -> HealthKind.SATURATED;
      case AUTH_FAILURE -> HealthKind.AUTH_FAILURE;
      case DISK_FILL -> HealthKind.DISK_FILL;
    };
  }
}
