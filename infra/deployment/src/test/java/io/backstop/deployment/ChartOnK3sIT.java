package io.backstop.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * What only a real API server can show about the chart: K3s accepts every object the chart renders
 * (as {@code helm install} would create them), and then enforces them: the executor's account may
 * patch a Deployment's scale within bounds, while the ValidatingAdmissionPolicy refuses an
 * out-of-bound scale and a label edit from it (server-side dry runs, so a policy still loading can
 * never let a real write through), and RBAC refuses it a delete and triage a patch. Runs in
 * failsafe where a Docker engine is; skipped, saying so, where none is (this project's build
 * machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class ChartOnK3sIT {

  private static final String EXECUTOR = "system:serviceaccount:backstop:backstop-executor";
  private static final String TRIAGE = "system:serviceaccount:backstop:backstop-triage";

  @Container
  static final K3sContainer K3S =
      new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

  static KubernetesClient admin;
  static List<HasMetadata> objects;

  @BeforeAll
  static void install() {
    admin = client(null);
    for (String ns : List.of("backstop", "shop", "payments")) {
      admin
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
    objects = Chart.render("external-kafka.yaml");
    for (HasMetadata object : objects) {
      admin.resource(object).create();
    }
    admin.apps().deployments().inNamespace("shop").resource(checkout()).create();
  }

  @AfterAll
  static void close() {
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void theApiServerAcceptedEveryRenderedObject() {
    for (HasMetadata object : objects) {
      assertThat(admin.resource(object).get())
          .as(object.getKind() + " " + object.getMetadata().getName())
          .isNotNull();
    }
  }

  @Test
  void theExecutorMayScaleWithinBoundsButThePolicyRefusesBeyondThemAndALabelEdit() {
    try (KubernetesClient executor = client(EXECUTOR)) {
      // The policy is loaded a moment after it is created: wait until it refuses the dry run.
      awaitRefusal(() -> scale(executor, 500, true), "backstop-executor-writes");
      assertThatThrownBy(
              () ->
                  executor
                      .apps()
                      .deployments()
                      .inNamespace("shop")
                      .withName("checkout")
                      .dryRun()
                      .patch(
                          PatchContext.of(PatchType.JSON_MERGE),
                          "{\"metadata\":{\"labels\":{\"team\":\"someone-else\"}}}"))
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("backstop-executor-writes");

      scale(executor, 5, false);
      assertThat(
              admin
                  .apps()
                  .deployments()
                  .inNamespace("shop")
                  .withName("checkout")
                  .get()
                  .getSpec()
                  .getReplicas())
          .isEqualTo(5);
    }
  }

  @Test
  void rbacRefusesTheExecutorADeleteAndTriageAnyWrite() {
    try (KubernetesClient executor = client(EXECUTOR);
        KubernetesClient triage = client(TRIAGE)) {
      assertThatThrownBy(
              () ->
                  executor
                      .apps()
                      .deployments()
                      .inNamespace("shop")
                      .withName("checkout")
                      .dryRun()
                      .delete())
          .isInstanceOf(KubernetesClientException.class)
          .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
      assertThatThrownBy(() -> scale(triage, 4, true))
          .isInstanceOf(KubernetesClientException.class)
          .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
      assertThat(triage.apps().deployments().inNamespace("shop").withName("checkout").get())
          .isNotNull();
    }
  }

  private static void scale(KubernetesClient client, int replicas, boolean dryRun) {
    PatchContext.Builder context = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE);
    if (dryRun) {
      context.withDryRun(List.of("All"));
    }
    client
        .apps()
        .deployments()
        .inNamespace("shop")
        .withName("checkout")
        .subresource("scale")
        .patch(context.build(), "{\"spec\":{\"replicas\":" + replicas + "}}");
  }

  private static void awaitRefusal(Runnable write, String policy) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      try {
        write.run();
      } catch (KubernetesClientException refused) {
        assertThat(refused).hasMessageContaining(policy);
        return;
      }
      assertThat(Instant.now()).as("the policy refused within a minute").isBefore(deadline);
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static KubernetesClient client(String impersonate) {
    Config config = Config.fromKubeconfig(K3S.getKubeConfigYaml());
    if (impersonate != null) {
      config.setImpersonateUsername(impersonate);
      config.setImpersonateGroups(
          "system:serviceaccounts", "system:serviceaccounts:backstop", "system:authenticated");
    }
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static Deployment checkout() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("checkout")
        .withNamespace("shop")
        .endMetadata()
        .withNewSpec()
        .withReplicas(3)
        .withNewSelector()
        .withMatchLabels(Map.of("app", "checkout"))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app", "checkout"))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("checkout")
        .withImage("registry.local/shop/checkout:2")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
