package io.backstop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.scenario.DeployedRevision;
import io.backstop.scenario.Fault;
import io.backstop.scenario.HealthProfile;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped scenario loads into the sandbox with its history, and its fault shows. */
class ShippedScenariosIntegrationTest {

  static List<String> scenarios() {
    return ScenarioLoader.shippedNames();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void loadsTheHistoryAndShowsTheFault(String file) {
    Scenario scenario = ScenarioLoader.loadResource(file);
    Fault fault = scenario.fault();
    try (SandboxCluster sandbox =
            SandboxCluster.start(SandboxSpec.from(scenario), SandboxOptions.fast());
        KubernetesClient client = Clients.fabric8(sandbox, sandbox.tokens().readOnly())) {
      var target = scenario.faultyDeployment();
      List<DeployedRevision> revisions = target.revisions();
      boolean deferredRollout = fault.kind() == Fault.Kind.ROLLOUT && !fault.presentAtStart();
      long expectedAtStart = revisions.get(revisions.size() - (deferredRollout ? 2 : 1)).revision();

      assertThat(
              sandbox
                  .snapshot()
                  .deployment(fault.namespace(), fault.deployment())
                  .orElseThrow()
                  .revision())
          .isEqualTo(expectedAtStart);
      assertThat(
              client
                  .apps()
                  .replicaSets()
                  .inNamespace(fault.namespace())
                  .withLabels(target.labels())
                  .list()
                  .getItems())
          .hasSize(revisions.size() - (deferredRollout ? 1 : 0));

      HealthProfile bad =
          fault.profile() != null ? fault.profile() : profileOf(scenario, target.currentRevision());
      await()
          .atMost(Duration.ofSeconds(25))
          .untilAsserted(
              () ->
                  assertFaultVisible(
                      sandbox, client, scenario, bad, target.currentRevision().revision()));
    }
  }

  /** A revision's own profile (a config-only revision's), else its image's. */
  private static HealthProfile profileOf(Scenario scenario, DeployedRevision revision) {
    return revision.profile() != null ? revision.profile() : scenario.profileOf(revision.image());
  }

  /**
   * The fault as an SRE would see it: the bad revision current and failing; a leak near its limit;
   * replicas someone else set; a neighbour's leak evicting the alerted workload's pods from their
   * node; pods whose memory limit is not their template's.
   */
  private static void assertFaultVisible(
      SandboxCluster sandbox,
      KubernetesClient client,
      Scenario scenario,
      HealthProfile bad,
      long badRevision) {
    Fault fault = scenario.fault();
    var state = sandbox.snapshot().deployment(fault.namespace(), fault.deployment()).orElseThrow();
    switch (fault.kind()) {
      case SCALE -> {
        assertThat(state.desiredReplicas()).isEqualTo(fault.replicas());
        assertThat(state.availableReplicas()).isLessThanOrEqualTo(fault.replicas());
        return;
      }
      case NODE_PRESSURE -> {
        assertThat(evictedPods(client, fault.namespace(), scenario.alert().deployment()))
            .isNotEmpty();
        assertEvictedPodsAreNoReplicas(client, fault.namespace(), scenario.alert().deployment());
        return;
      }
      case ADMISSION -> {
        String template = scenario.faultyDeployment().resources().limits().memory();
        assertThat(podMemoryLimits(client, fault.namespace(), fault.deployment()))
            .isNotEmpty()
            .doesNotContain(template);
      }
      case ROLLOUT -> assertThat(state.revision()).isEqualTo(badRevision);
      default -> {}
    }
    if (bad.kind() == HealthProfile.Kind.DISK_FILL) {
      assertThat(evictedPods(client, fault.namespace(), fault.deployment())).isNotEmpty();
      assertEvictedPodsAreNoReplicas(client, fault.namespace(), fault.deployment());
    }
    if (bad.kind() == HealthProfile.Kind.MEMORY_LEAK) {
      assertThat(maxMemory(sandbox, fault)).isGreaterThan(0.5 * limit(sandbox, fault));
    } else {
      assertThat(state.errorRatio()).isGreaterThan(Math.min(0.05, bad.errorRate() / 2));
    }
  }

  private static List<String> evictedPods(KubernetesClient client, String ns, String deployment) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> "Evicted".equals(e.getReason()))
        .map(e -> e.getInvolvedObject().getName())
        .filter(name -> name.startsWith(deployment + "-"))
        .toList();
  }

  /** An evicted pod stays for people to inspect, but the Deployment's status never counts it. */
  private static void assertEvictedPodsAreNoReplicas(
      KubernetesClient client, String ns, String deployment) {
    var d = client.apps().deployments().inNamespace(ns).withName(deployment).get();
    assertThat(d.getStatus().getReplicas()).isLessThanOrEqualTo(d.getSpec().getReplicas());
  }

  private static List<String> podMemoryLimits(
      KubernetesClient client, String ns, String deployment) {
    return client.pods().inNamespace(ns).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().startsWith(deployment + "-"))
        .map(p -> p.getSpec().getContainers().get(0).getResources().getLimits().get("memory"))
        .map(String::valueOf)
        .toList();
  }

  private static double maxMemory(SandboxCluster sandbox, Fault fault) {
    return series(sandbox, "container_memory_working_set_bytes", fault).stream()
        .mapToDouble(Double::doubleValue)
        .max()
        .orElse(0);
  }

  private static double limit(SandboxCluster sandbox, Fault fault) {
    return series(sandbox, "container_spec_memory_limit_bytes", fault).stream()
        .mapToDouble(Double::doubleValue)
        .max()
        .orElse(Double.MAX_VALUE);
  }

  private static List<Double> series(SandboxCluster sandbox, String name, Fault fault) {
    String prefix =
        name
            + "{namespace=\""
            + fault.namespace()
            + "\",deployment=\""
            + fault.deployment()
            + "\",";
    return Clients.get(sandbox, null, "/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .toList();
  }
}
