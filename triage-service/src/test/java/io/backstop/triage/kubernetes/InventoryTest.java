package io.backstop.triage.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.signal.Workload;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryTest {

  @Test
  void aDeploymentWhoseOwnerPausedItsRolloutIsRecordedAsPaused() {
    List<Workload> inventory =
        Inventory.of(
            List.of(deployment("search", Boolean.TRUE), deployment("cart", null)), List.of());

    assertThat(inventory)
        .extracting(w -> w.ref().name(), Workload::paused)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("search", true),
            org.assertj.core.groups.Tuple.tuple("cart", false));
  }

  @Test
  void anExplicitlyUnpausedDeploymentIsNotPaused() {
    assertThat(Inventory.of(List.of(deployment("web", Boolean.FALSE)), List.of()).get(0).paused())
        .isFalse();
  }

  private static Deployment deployment(String name, Boolean paused) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace("shop")
        .withName(name)
        .withLabels(Map.of("app", name))
        .endMetadata()
        .withNewSpec()
        .withReplicas(3)
        .withPaused(paused)
        .endSpec()
        .withNewStatus()
        .withReadyReplicas(3)
        .endStatus()
        .build();
  }
}
