package io.backstop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.sandbox.workload.Timing;
import io.backstop.scenario.ScenarioLoader;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The right remediation makes the shipped condition faults' signals recover. */
class RemediationIntegrationTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @Test
  void restartingALeakingDeploymentResetsItsMemory() {
    var options =
        SandboxOptions.fast()
            .withTiming(
                new Timing(
                    Duration.ofMillis(200), Duration.ofSeconds(1), 10.0, Duration.ofSeconds(2)));
    var spec = SandboxSpec.from(ScenarioLoader.loadResource("memory-leak.yaml"));
    try (SandboxCluster sandbox = SandboxCluster.start(spec, options);
        KubernetesClient executor = Clients.fabric8(sandbox, sandbox.tokens().executor())) {
      await().atMost(DEADLINE).until(() -> maxMemory(sandbox) > 0.45 * limit(sandbox));
      double leaked = maxMemory(sandbox);
      Set<String> before = podNames(executor);

      executor
          .apps()
          .deployments()
          .inNamespace("shop")
          .withName("recommendations")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\"now\"}}}}}");

      await()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                assertThat(
                        sandbox
                            .snapshot()
                            .deployment("shop", "recommendations")
                            .orElseThrow()
                            .rolloutComplete())
                    .isTrue();
                assertThat(podNames(executor)).doesNotContainAnyElementsOf(before);
              });
      assertThat(maxMemory(sandbox)).isLessThan(leaked);
    }
  }

  @Test
  void scalingOutASaturatedDeploymentBringsErrorsAndCpuDown() {
    var spec = SandboxSpec.from(ScenarioLoader.loadResource("saturation.yaml"));
    try (SandboxCluster sandbox = SandboxCluster.start(spec, SandboxOptions.fast());
        KubernetesClient executor = Clients.fabric8(sandbox, sandbox.tokens().executor())) {
      await().atMost(DEADLINE).until(() -> cpu(executor) > 0.9);
      double saturatedErrors =
          sandbox.snapshot().deployment("shop", "search").orElseThrow().errorRatio();

      executor.apps().deployments().inNamespace("shop").withName("search").scale(9);

      await()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                assertThat(
                        sandbox
                            .snapshot()
                            .deployment("shop", "search")
                            .orElseThrow()
                            .readyReplicas())
                    .isEqualTo(9);
                assertThat(cpu(executor)).isLessThan(0.5);
                assertThat(
                        sandbox.snapshot().deployment("shop", "search").orElseThrow().errorRatio())
                    .isLessThan(saturatedErrors / 2);
              });
    }
  }

  /** Highest CPU use of a search pod, as a fraction of its 2-core limit. */
  private static double cpu(KubernetesClient client) {
    return client.top().pods().metrics("shop").getItems().stream()
        .filter(m -> m.getMetadata().getName().startsWith("search-"))
        .mapToDouble(
            m ->
                io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(
                            m.getContainers().get(0).getUsage().get("cpu"))
                        .doubleValue()
                    / 2.0)
        .max()
        .orElse(0);
  }

  private static Set<String> podNames(KubernetesClient client) {
    return client
        .pods()
        .inNamespace("shop")
        .withLabel("app", "recommendations")
        .list()
        .getItems()
        .stream()
        .map(p -> p.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  private static double maxMemory(SandboxCluster sandbox) {
    return series(sandbox, "container_memory_working_set_bytes").stream()
        .mapToDouble(Double::doubleValue)
        .max()
        .orElse(0);
  }

  private static double limit(SandboxCluster sandbox) {
    return series(sandbox, "container_spec_memory_limit_bytes").stream()
        .mapToDouble(Double::doubleValue)
        .max()
        .orElse(Double.MAX_VALUE);
  }

  private static List<Double> series(SandboxCluster sandbox, String name) {
    String prefix = name + "{namespace=\"shop\",deployment=\"recommendations\",";
    return Clients.get(sandbox, null, "/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .toList();
  }
}
