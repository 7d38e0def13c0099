package io.backstop.triage.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.MetadataKeys;
import io.backstop.events.signal.DeploymentStrategy;
import io.backstop.events.signal.GitOpsOwner;
import io.backstop.events.signal.OperatorOwner;
import io.backstop.events.signal.VolumeClaim;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadHold;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  void aControllerOwnerReferenceToACustomResourceNamesTheOperator() {
    Deployment connect = deployment("connect", null);
    connect.getMetadata().setLabels(Map.of(Operators.MANAGED_BY_LABEL, "strimzi-cluster-operator"));
    connect
        .getMetadata()
        .setOwnerReferences(
            List.of(
                owner("kafka.strimzi.io/v1beta2", "KafkaConnect", "connect", false),
                owner("kafka.strimzi.io/v1beta2", "KafkaConnect", "connect", true)));
    Deployment unlabelled = deployment("db", null);
    unlabelled
        .getMetadata()
        .setOwnerReferences(List.of(owner("postgres.example.com/v1", "Cluster", "db", true)));

    List<Workload> inventory = Inventory.of(List.of(connect, unlabelled), List.of());

    assertThat(inventory.get(0).operator())
        .isEqualTo(
            new OperatorOwner(
                "kafka.strimzi.io/v1beta2", "KafkaConnect", "connect", "strimzi-cluster-operator"));
    assertThat(inventory.get(0).operator().describe())
        .isEqualTo(
            "KafkaConnect connect (kafka.strimzi.io/v1beta2, managed by strimzi-cluster-operator)");
    assertThat(inventory.get(1).operator())
        .isEqualTo(new OperatorOwner("postgres.example.com/v1", "Cluster", "db", ""));
  }

  @Test
  void aBuiltInControllerAReferenceThatDoesNotControlOrAManagedByLabelAloneNameNoOperator() {
    Deployment byBuiltIn = deployment("web", null);
    byBuiltIn
        .getMetadata()
        .setOwnerReferences(
            List.of(
                owner("apps/v1", "ReplicaSet", "web-1", true),
                owner("example.com/v1", "App", "web", false)));
    Deployment byBatch = deployment("report", null);
    byBatch.getMetadata().setOwnerReferences(List.of(owner("batch/v1", "Job", "report-1", true)));
    Deployment byCore = deployment("legacy", null);
    byCore
        .getMetadata()
        .setOwnerReferences(List.of(owner("v1", "ReplicationController", "legacy", true)));
    Deployment noted = deployment("helm-chart", null);
    noted.getMetadata().setLabels(Map.of(Operators.MANAGED_BY_LABEL, "Helm"));
    Deployment watched = deployment("notes", null);
    watched
        .getMetadata()
        .setOwnerReferences(List.of(owner("example.com/v1", "Watcher", "notes", false)));

    assertThat(Inventory.of(List.of(byBuiltIn, byBatch, byCore, noted, watched), List.of()))
        .extracting(Workload::operatorOwned)
        .containsExactly(false, false, false, false, false);
  }

  @Test
  void theClaimsAPodTemplateMountsCarryTheirAccessModesUnreadOnesNone() {
    Deployment worker = deployment("order-worker", null);
    worker
        .getSpec()
        .setTemplate(
            new PodTemplateSpecBuilder()
                .withNewSpec()
                .addNewVolume()
                .withName("spool")
                .withNewPersistentVolumeClaim("order-spool", false)
                .endVolume()
                .addNewVolume()
                .withName("scratch")
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .addNewVolume()
                .withName("gone")
                .withNewPersistentVolumeClaim("order-gone", false)
                .endVolume()
                .endSpec()
                .build());
    PersistentVolumeClaim spool =
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withName("order-spool")
            .endMetadata()
            .withNewSpec()
            .withAccessModes("ReadWriteOncePod")
            .endSpec()
            .build();

    Workload listed =
        Inventory.of(List.of(worker), List.of(), Set.of(), List.of(), List.of(spool)).get(0);
    Workload unlisted = Inventory.of(List.of(worker), List.of(), Set.of(), List.of(), null).get(0);

    assertThat(listed.claims())
        .containsExactly(
            new VolumeClaim("order-spool", List.of("ReadWriteOncePod")),
            new VolumeClaim("order-gone", List.of()));
    assertThat(listed.claims().get(0).singlePod()).isTrue();
    assertThat(unlisted.claims()).allMatch(VolumeClaim::unknown).hasSize(2);
  }

  private static OwnerReference owner(
      String apiVersion, String kind, String name, boolean controller) {
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withName(name)
        .withUid(name + "-uid")
        .withController(controller)
        .build();
  }

  @Test
  void backstopsHoldAnnotationDeclaresAHoldWithItsReason() {
    Deployment payments = deployment("payments", null);
    payments.getMetadata().setAnnotations(Map.of(MetadataKeys.HOLD, " CHG-3310 vault migration "));

    assertThat(Inventory.of(List.of(payments), List.of()).get(0).hold())
        .isEqualTo(new WorkloadHold("CHG-3310 vault migration", "annotation backstop.io/hold"));
  }

  @Test
  void aTeamsOwnMaintenanceOrHoldAnnotationDeclaresAHold() {
    Deployment maintained = deployment("payments", null);
    maintained
        .getMetadata()
        .setAnnotations(
            Map.of(
                "shop.io/maintenance", "CHG-3310 card-vault migration",
                "shop.io/maintenance-owner", "team-payments"));
    Deployment held = deployment("cart", null);
    held.getMetadata().setAnnotations(Map.of("example.com/hold", "true"));

    List<Workload> inventory = Inventory.of(List.of(maintained, held), List.of());

    assertThat(inventory.get(0).hold())
        .isEqualTo(
            new WorkloadHold("CHG-3310 card-vault migration", "annotation shop.io/maintenance"));
    assertThat(inventory.get(1).hold())
        .isEqualTo(new WorkloadHold("", "annotation example.com/hold"));
  }

  @Test
  void aHoldAnnotationThatSaysNoOrANearbyKeyDeclaresNothing() {
    Deployment off = deployment("payments", null);
    off.getMetadata()
        .setAnnotations(Map.of(MetadataKeys.HOLD, "false", "shop.io/maintenance", " "));
    Deployment near = deployment("cart", null);
    near.getMetadata()
        .setAnnotations(
            Map.of("shop.io/maintenance-owner", "team-cart", "maintenance", "yes-no-prefix"));

    assertThat(Inventory.of(List.of(off, near), List.of()))
        .extracting(Workload::held)
        .containsExactly(false, false);
  }

  @Test
  void aLongHoldReasonIsClipped() {
    Deployment payments = deployment("payments", null);
    payments.getMetadata().setAnnotations(Map.of(MetadataKeys.HOLD, "x".repeat(1000)));

    assertThat(Inventory.of(List.of(payments), List.of()).get(0).hold().reason())
        .hasSize(Holds.MAX_REASON_CHARS + 3);
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
