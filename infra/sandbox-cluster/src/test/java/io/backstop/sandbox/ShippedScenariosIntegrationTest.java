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
          fault.kind() == Fault.Kind.CONDITION
              ? fault.profile()
              : scenario.profileOf(target.currentRevision().image());
      await()
          .atMost(Duration.ofSeconds(25))
          .untilAsserted(
              () -> assertFaultVisible(sandbox, fault, bad, target.currentRevision().revision()));
    }
  }

  private static void assertFaultVisible(
      SandboxCluster sandbox, Fault fault, HealthProfile bad, long badRevision) {
    var state = sandbox.snapshot().deployment(fault.namespace(), fault.deployment()).orElseThrow();
    if (fault.kind() == Fault.Kind.ROLLOUT) {
      assertThat(state.revision()).isEqualTo(badRevision);
    }
    if (bad.kind() == HealthProfile.Kind.MEMORY_LEAK) {
      assertThat(maxMemory(sandbox, fault)).isGreaterThan(0.5 * limit(sandbox, fault));
    } else {
      assertThat(state.errorRatio()).isGreaterThan(Math.min(0.05, bad.errorRate() / 2));
    }
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
