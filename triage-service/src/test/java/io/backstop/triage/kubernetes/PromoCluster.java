package io.backstop.triage.kubernetes;

import static io.backstop.events.fixtures.Fixtures.minutesAgo;

import io.backstop.events.MetadataKeys;
import io.backstop.events.signal.WorkloadRef;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;

/**
 * A cluster mother in the fabric8 mock server, the shape of a rollback target whose Secret is gone:
 * {@code cart} in {@code shop} at revision 3, which mounts the new Secret {@code cart-promo-v2};
 * revision 2 (healthy for six days before it) mounted {@code cart-promo-key}, which a migration
 * deleted, and revision 1 read only the ConfigMap {@code cart-settings}. Every revision reads
 * {@code cart-settings} through {@code envFrom} and may mount the Secret {@code cart-debug} (marked
 * optional, never created). The cluster holds {@code cart-promo-v2} and {@code cart-settings}.
 */
public final class PromoCluster {

  public static final String NS = "shop";
  public static final WorkloadRef CART = WorkloadRef.deployment(NS, "cart");
  public static final String REV1_RS = "cart-5c9d7f6b4";
  public static final String REV2_RS = "cart-7620de040";
  public static final String REV3_RS = "cart-3b9d0e5f7";

  private PromoCluster() {}

  public static void write(KubernetesMockServer server, KubernetesClient client) {
    String uid =
        client.resource(ShopCluster.deployment("cart", 2, 0, "3")).create().getMetadata().getUid();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("cart-promo-v2")
                .withNamespace(NS)
                .endMetadata()
                .withStringData(Map.of("key.pem", "not read by triage"))
                .build())
        .create();
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("cart-settings")
                .withNamespace(NS)
                .endMetadata()
                .withData(Map.of("PROMO_ENGINE", "v2"))
                .build())
        .create();
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/namespaces/shop/replicasets")
        .andReturn(
            200,
            new ReplicaSetListBuilder()
                .withItems(
                    replicaSet(uid, REV1_RS, 1, "9983fa7cc1eb", 60 * 24 * 30, 0, null),
                    replicaSet(uid, REV2_RS, 2, "7620de040927", 60 * 24 * 6, 0, "cart-promo-key"),
                    replicaSet(uid, REV3_RS, 3, "3b9d0e5f7a1c", 11, 2, "cart-promo-v2"))
                .build())
        .always();
  }

  private static ReplicaSet replicaSet(
      String ownerUid,
      String name,
      long revision,
      String tag,
      long minutesAgo,
      int replicas,
      String promoSecret) {
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withCreationTimestamp(minutesAgo(minutesAgo).toString())
        .withLabels(Map.of("app", "cart", MetadataKeys.POD_TEMPLATE_HASH, name.substring(5)))
        .withAnnotations(Map.of(MetadataKeys.REVISION, Long.toString(revision)))
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName("cart")
        .withUid(ownerUid)
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(Map.of("app", "cart"))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app", "cart"))
        .endMetadata()
        .withSpec(template("registry.local/shop/cart:" + tag, promoSecret))
        .endTemplate()
        .endSpec()
        .build();
  }

  private static PodSpec template(String image, String promoSecret) {
    PodSpecBuilder spec =
        new PodSpecBuilder()
            .addNewContainer()
            .withName("cart")
            .withImage(image)
            .withEnvFrom(
                new EnvFromSourceBuilder().withNewConfigMapRef("cart-settings", false).build())
            .endContainer()
            .addNewVolume()
            .withName("debug")
            .withNewSecret()
            .withSecretName("cart-debug")
            .withOptional(true)
            .endSecret()
            .endVolume();
    if (promoSecret != null) {
      spec.addNewVolume()
          .withName("promo-key")
          .withNewSecret()
          .withSecretName(promoSecret)
          .endSecret()
          .endVolume();
    }
    return spec.build();
  }
}
