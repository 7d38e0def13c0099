package io.backstop.triage.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.signal.DeploymentStrategy;
import io.backstop.events.signal.GitOpsOwner;
import io.backstop.events.signal.Workload;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
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

  @Test
  void aDeploymentsRolloutStrategyIsRecordedAbsentMeaningRollingUpdate() {
    Deployment recreate = deployment("catalog", null);
    recreate.getSpec().setStrategy(new DeploymentStrategyBuilder().withType("Recreate").build());
    Deployment rolling = deployment("cart", null);
    rolling
        .getSpec()
        .setStrategy(new DeploymentStrategyBuilder().withType("RollingUpdate").build());
    Deployment defaulted = deployment("web", null);

    List<Workload> inventory = Inventory.of(List.of(recreate, rolling, defaulted), List.of());

    assertThat(inventory)
        .extracting(w -> w.ref().name(), Workload::strategy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("catalog", DeploymentStrategy.RECREATE),
            org.assertj.core.groups.Tuple.tuple("cart", DeploymentStrategy.ROLLING_UPDATE),
            org.assertj.core.groups.Tuple.tuple("web", DeploymentStrategy.ROLLING_UPDATE));
  }

  @Test
  void aStrategyTypeThisVersionDoesNotKnowIsTakenAsRecreate() {
    Deployment odd = deployment("catalog", null);
    odd.getSpec().setStrategy(new DeploymentStrategyBuilder().withType("BlueGreen").build());

    assertThat(Inventory.of(List.of(odd), List.of()).get(0).recreates()).isTrue();
  }

  @Test
  void argoCdAnnotationTrackingNamesTheApplication() {
    Deployment cart = deployment("cart", null);
    cart.getMetadata()
        .setAnnotations(
            Map.of(GitOpsOwners.ARGO_TRACKING_ID, "shop-cart:apps/Deployment:shop/cart"));

    GitOpsOwner owner = Inventory.of(List.of(cart), List.of()).get(0).gitOps();

    assertThat(owner.controller()).isEqualTo(GitOpsOwner.ARGO_CD);
    assertThat(owner.application()).isEqualTo("shop-cart");
    assertThat(owner.describe()).isEqualTo("Argo CD application shop-cart");
  }

  @Test
  void argoCdLabelTrackingCountsOnlyWithArgosFieldManager() {
    Deployment argo = deployment("cart", null);
    argo.getMetadata().setLabels(Map.of("app", "cart", GitOpsOwners.INSTANCE_LABEL, "shop-cart"));
    argo.getMetadata()
        .setManagedFields(
            List.of(
                new ManagedFieldsEntryBuilder().withManager("kube-controller-manager").build(),
                new ManagedFieldsEntryBuilder().withManager("argocd-controller").build()));
    Deployment helm = deployment("web", null);
    helm.getMetadata().setLabels(Map.of("app", "web", GitOpsOwners.INSTANCE_LABEL, "web"));
    helm.getMetadata()
        .setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("helm").build()));

    List<Workload> inventory = Inventory.of(List.of(argo, helm), List.of());

    assertThat(inventory.get(0).gitOps())
        .isEqualTo(
            new GitOpsOwner(GitOpsOwner.ARGO_CD, "shop-cart", "field manager argocd-controller"));
    assertThat(inventory.get(1).gitOpsManaged()).as("a Helm instance label alone").isFalse();
  }

  @Test
  void fluxKustomizationAndHelmReleaseLabelsNameTheirObject() {
    Deployment kustomized = deployment("cart", null);
    kustomized
        .getMetadata()
        .setLabels(
            Map.of(
                GitOpsOwners.FLUX_KUSTOMIZE_NAME, "apps",
                GitOpsOwners.FLUX_KUSTOMIZE_NAMESPACE, "flux-system"));
    Deployment released = deployment("web", null);
    released.getMetadata().setLabels(Map.of(GitOpsOwners.FLUX_HELM_NAME, "web"));
    Deployment byManager = deployment("search", null);
    byManager
        .getMetadata()
        .setManagedFields(
            List.of(new ManagedFieldsEntryBuilder().withManager("kustomize-controller").build()));

    List<Workload> inventory = Inventory.of(List.of(kustomized, released, byManager), List.of());

    assertThat(inventory)
        .extracting(w -> w.gitOps().controller(), w -> w.gitOps().application())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(GitOpsOwner.FLUX_KUSTOMIZE, "flux-system/apps"),
            org.assertj.core.groups.Tuple.tuple(GitOpsOwner.FLUX_HELM, "web"),
            org.assertj.core.groups.Tuple.tuple(GitOpsOwner.FLUX_KUSTOMIZE, ""));
  }

  @Test
  void aDeploymentAppliedByHandHasNoGitOpsOwner() {
    Deployment cart = deployment("cart", null);
    cart.getMetadata()
        .setManagedFields(
            List.of(
                new ManagedFieldsEntryBuilder().withManager("kubectl-client-side-apply").build()));

    assertThat(Inventory.of(List.of(cart), List.of()).get(0).gitOps()).isNull();
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
