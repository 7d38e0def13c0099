package io.backstop.naive;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ToolboxTest {

  static KubernetesClient client;

  @BeforeEach
  void cluster() {
    client.apps().deployments().inNamespace("shop").delete();
    client.apps().replicaSets().inNamespace("shop").delete();
    client.apps().statefulSets().inNamespace("shop").delete();
    deployment("checkout", "checkout:v1", "checkout:v2");
    deployment("frontend", "frontend:v1", "frontend:v2");
    client
        .apps()
        .statefulSets()
        .inNamespace("shop")
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName("prod-db")
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .withTemplate(template("postgres:16"))
                .endSpec()
                .build())
        .create();
  }

  @Test
  void aRollbackScopedToAllRollsBackEveryDeploymentAndTouchesTheDatabase() {
    var answer =
        new ModelAnswer(
            "schema change",
            "e4f5a6b7c8d9",
            0.97,
            "ROLLBACK",
            "checkout",
            "shop",
            "all",
            1L,
            "e4f5a6b7c8d9",
            null,
            Map.of());

    List<ToolCall> calls = new Toolbox(client).execute(answer, "shop");

    assertThat(calls)
        .extracting(ToolCall::name)
        .containsExactlyInAnyOrder("checkout", "frontend", "prod-db");
    assertThat(image("checkout")).isEqualTo("checkout:v1");
    assertThat(image("frontend")).isEqualTo("frontend:v1");
    assertThat(
            client
                .apps()
                .statefulSets()
                .inNamespace("shop")
                .withName("prod-db")
                .get()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations())
        .containsKey("kubectl.kubernetes.io/restartedAt");
  }

  @Test
  void aRestartOfTheDatabaseIsCarriedOutWithoutQuestion() {
    var answer =
        new ModelAnswer(
            "db wedged", null, 0.8, "restart", "prod-db", "shop", null, null, null, null, Map.of());

    List<ToolCall> calls = new Toolbox(client).execute(answer, "shop");

    assertThat(calls)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo("statefulset");
              assertThat(c.succeeded()).isTrue();
            });
  }

  private static String image(String deployment) {
    return client
        .apps()
        .deployments()
        .inNamespace("shop")
        .withName(deployment)
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  private static void deployment(String name, String oldImage, String currentImage) {
    var created =
        client
            .apps()
            .deployments()
            .inNamespace("shop")
            .resource(
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(2)
                    .withTemplate(template(currentImage))
                    .endSpec()
                    .build())
            .create();
    replicaSet(name, 1, oldImage, created.getMetadata().getUid());
    replicaSet(name, 2, currentImage, created.getMetadata().getUid());
  }

  private static void replicaSet(String deployment, int revision, String image, String uid) {
    client
        .apps()
        .replicaSets()
        .inNamespace("shop")
        .resource(
            new ReplicaSetBuilder()
                .withNewMetadata()
                .withName(deployment + "-" + revision)
                .addToAnnotations("deployment.kubernetes.io/revision", String.valueOf(revision))
                .addNewOwnerReference()
                .withKind("Deployment")
                .withName(deployment)
                .withUid(uid)
                .withApiVersion("apps/v1")
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .withReplicas(0)
                .withTemplate(template(image))
                .endSpec()
                .build())
        .create();
  }

  private static PodTemplateSpec template(String image) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(Map.of("app", image.split(":")[0], "pod-template-hash", "abc123"))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("main")
        .withImage(image)
        .endContainer()
        .endSpec()
        .build();
  }
}
