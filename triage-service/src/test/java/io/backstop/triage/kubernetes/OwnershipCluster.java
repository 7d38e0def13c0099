package io.backstop.triage.kubernetes;

import static io.backstop.events.fixtures.Fixtures.minutesAgo;

import io.backstop.events.MetadataKeys;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;

/**
 * billing in shop, applied by Argo CD (its tracking-id annotation), rolled out with the Recreate
 * strategy, held by its owners for a migration (backstop.io/hold), whose revision 2 runs Flyway in
 * an init container before the new code starts; revision 1 migrates nothing. connect is controlled
 * by Strimzi's KafkaConnect resource (a controller ownerReference, managed-by label); web carries
 * Helm's managed-by label and no owner. order-worker mounts a ReadWriteOncePod claim (order-spool,
 * twice), a ReadWriteOnce one and one that does not exist.
 */
public final class OwnershipCluster {

  /** billing's hold, as its owners annotated it (with a password pasted in by mistake). */
  public static final String HOLD_REASON =
      "CHG-3310 ledger migration until 10:30 UTC, run with --password=Xq9vTr4mLp2wZs7k";

  private OwnershipCluster() {}

  public static void write(KubernetesMockServer server, KubernetesClient client) {
    Deployment billing = ShopCluster.deployment("billing", 2, 0, "2");
    billing
        .getMetadata()
        .setAnnotations(
            Map.of(
                MetadataKeys.REVISION,
                "2",
                GitOpsOwners.ARGO_TRACKING_ID,
                "shop-billing:apps/Deployment:shop/billing",
                MetadataKeys.HOLD,
                HOLD_REASON));
    billing.getSpec().setStrategy(new DeploymentStrategyBuilder().withType("Recreate").build());
    String uid = client.resource(billing).create().getMetadata().getUid();
    Deployment connect = ShopCluster.deployment("connect", 3, 2, "12");
    connect
        .getMetadata()
        .setLabels(
            Map.of("app", "connect", Operators.MANAGED_BY_LABEL, "strimzi-cluster-operator"));
    connect
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion("kafka.strimzi.io/v1beta2")
                    .withKind("KafkaConnect")
                    .withName("connect")
                    .withUid("5b1c0e0e-6d0c-4f7e-9f1a-connect00001")
                    .withController(true)
                    .withBlockOwnerDeletion(false)
                    .build()));
    client.resource(connect).create();
    Deployment charted = ShopCluster.deployment("web", 2, 2, "4");
    charted.getMetadata().setLabels(Map.of("app", "web", Operators.MANAGED_BY_LABEL, "Helm"));
    client.resource(charted).create();
    Deployment worker = ShopCluster.deployment("order-worker", 1, 1, "3");
    worker
        .getSpec()
        .getTemplate()
        .getSpec()
        .setVolumes(
            List.of(
                claimVolume("spool", "order-spool"),
                claimVolume("cache", "order-cache"),
                claimVolume("spool-again", "order-spool"),
                claimVolume("lost", "order-archive")));
    client.resource(worker).create();
    client.resource(claim("order-spool", "ReadWriteOncePod")).create();
    client.resource(claim("order-cache", "ReadWriteOnce")).create();
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/namespaces/shop/replicasets")
        .andReturn(
            200,
            new ReplicaSetListBuilder()
                .withItems(
                    replicaSet(uid, "billing-a60b5cfa7", 1, "a60b5cfa7e33", 60 * 24 * 5, 0, false),
                    replicaSet(uid, "billing-c1df12ba0", 2, "c1df12ba0cda", 35, 2, true))
                .build())
        .always();
  }

  private static Volume claimVolume(String name, String claim) {
    return new VolumeBuilder()
        .withName(name)
        .withNewPersistentVolumeClaim()
        .withClaimName(claim)
        .endPersistentVolumeClaim()
        .build();
  }

  private static PersistentVolumeClaim claim(String name, String accessMode) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("shop")
        .endMetadata()
        .withNewSpec()
        .withAccessModes(accessMode)
        .endSpec()
        .build();
  }

  private static ReplicaSet replicaSet(
      String ownerUid,
      String name,
      long revision,
      String tag,
      long minutesAgo,
      int replicas,
      boolean migrates) {
    ReplicaSetBuilder rs =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("shop")
            .withCreationTimestamp(minutesAgo(minutesAgo).toString())
            .withLabels(Map.of("app", "billing", MetadataKeys.POD_TEMPLATE_HASH, name.substring(8)))
            .withAnnotations(Map.of(MetadataKeys.REVISION, Long.toString(revision)))
            .addNewOwnerReference()
            .withApiVersion("apps/v1")
            .withKind("Deployment")
            .withName("billing")
            .withUid(ownerUid)
            .withController(true)
            .endOwnerReference()
            .endMetadata();
    var spec =
        rs.withNewSpec()
            .withReplicas(replicas)
            .withNewSelector()
            .withMatchLabels(Map.of("app", "billing"))
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(Map.of("app", "billing"))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("billing")
            .withImage("registry.local/shop/billing:" + tag)
            .endContainer();
    if (migrates) {
      spec =
          spec.addNewInitContainer()
              .withName("db-migrate")
              .withImage("flyway/flyway:10")
              .withArgs("migrate")
              .endInitContainer();
    }
    return spec.endSpec().endTemplate().endSpec().build();
  }
}
