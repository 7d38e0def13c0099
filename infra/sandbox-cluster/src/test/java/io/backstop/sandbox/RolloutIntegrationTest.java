package io.backstop.sandbox;

import static io.backstop.sandbox.Specs.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rollout history, rollback, restart and scale through the real fabric8 client. */
class RolloutIntegrationTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private final KubernetesSerialization json = new KubernetesSerialization();
  private SandboxCluster sandbox;
  private KubernetesClient admin;

  @BeforeEach
  void start() {
    sandbox = SandboxCluster.start(Specs.badDeploy(), SandboxOptions.fast());
    admin = Clients.fabric8(sandbox, sandbox.tokens().executor());
  }

  @AfterEach
  void stop() {
    admin.close();
    sandbox.close();
  }

  @Test
  void servesTheRolloutHistoryAsReplicaSetsWithRevisionsImagesAndShas() {
    List<ReplicaSet> history = history();

    assertThat(history)
        .extracting(
            rs -> rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"))
        .containsExactly("1", "2", "3");
    assertThat(history.get(1).getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.local/checkout:1.5.0");
    assertThat(history.get(1).getMetadata().getAnnotations())
        .containsEntry("backstop.io/git-sha", Specs.GOOD_SHA)
        .containsEntry("kubernetes.io/change-cause", "release 1.5.0");
    assertThat(history.get(2).getMetadata().getOwnerReferences().get(0).getName())
        .isEqualTo("checkout");
    assertThat(history.get(2).getMetadata().getLabels()).containsKey("pod-template-hash");
    assertThat(history.get(0).getMetadata().getCreationTimestamp())
        .isLessThan(history.get(2).getMetadata().getCreationTimestamp());
    assertThat(deployment().getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "3");
    var scaledUp =
        admin
            .v1()
            .events()
            .inNamespace(NS)
            .withField("involvedObject.name", "checkout")
            .list()
            .getItems()
            .stream()
            .filter(e -> e.getReason().equals("ScalingReplicaSet"))
            .filter(
                e ->
                    e.getMessage()
                        .contains(history.get(2).getMetadata().getName() + " from 0 to 3"))
            .findFirst()
            .orElseThrow();
    assertThat(java.time.Instant.parse(scaledUp.getLastTimestamp()))
        .isBefore(java.time.Instant.now().minus(Duration.ofMinutes(15)));
  }

  @Test
  void rollbackToAnExplicitRevisionReusesItsReplicaSetRenumbersItAndRecovers() {
    ReplicaSet good = history().get(1);
    await()
        .atMost(DEADLINE)
        .until(
            () -> sandbox.snapshot().deployment(NS, "checkout").orElseThrow().errorRatio() > 0.9);

    admin
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("checkout")
        .patch(PatchContext.of(PatchType.JSON), replaceTemplate(good.getSpec().getTemplate()));

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              var state = sandbox.snapshot().deployment(NS, "checkout").orElseThrow();
              assertThat(state.rolloutComplete()).isTrue();
              assertThat(state.readyReplicas()).isEqualTo(3);
              assertThat(state.errorRatio()).isLessThan(0.01);
            });
    ReplicaSet reused =
        admin.apps().replicaSets().inNamespace(NS).withName(good.getMetadata().getName()).get();
    assertThat(reused.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "4")
        .containsEntry("deployment.kubernetes.io/revision-history", "2");
    assertThat(history()).hasSize(3);
    assertThat(deployment().getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "4");
    assertThat(sandbox.snapshot().deployment(NS, "checkout").orElseThrow().gitSha())
        .isEqualTo(Specs.GOOD_SHA);
    assertThat(
            metric(
                "kube_deployment_status_replicas_available{namespace=\"shop\",deployment=\"checkout\"}"))
        .isEqualTo(3.0);
    double errorsBefore =
        metric("http_requests_total{namespace=\"shop\",deployment=\"checkout\",code=\"503\"}");
    double okBefore =
        metric("http_requests_total{namespace=\"shop\",deployment=\"checkout\",code=\"200\"}");
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              assertThat(
                      metric(
                          "http_requests_total{namespace=\"shop\",deployment=\"checkout\",code=\"200\"}"))
                  .isGreaterThan(okBefore + 10);
            });
    assertThat(
            metric("http_requests_total{namespace=\"shop\",deployment=\"checkout\",code=\"503\"}"))
        .isLessThan(errorsBefore + 1);
  }

  @Test
  void restartViaTheRestartedAtAnnotationRollsNewPodsUnderANewRevision() {
    var before = admin.pods().inNamespace(NS).withLabel("app", "cart").list().getItems();
    String patch =
        "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\"2026-01-01T00:00:00Z\"}}}}}";

    admin
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("cart")
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              var state = sandbox.snapshot().deployment(NS, "cart").orElseThrow();
              assertThat(state.revision()).isEqualTo(2);
              assertThat(state.rolloutComplete()).isTrue();
              var pods = admin.pods().inNamespace(NS).withLabel("app", "cart").list().getItems();
              assertThat(pods).hasSize(2);
              assertThat(pods)
                  .noneMatch(
                      p ->
                          before.stream()
                              .anyMatch(
                                  b ->
                                      b.getMetadata().getName().equals(p.getMetadata().getName())));
            });
    var cartSets =
        admin.apps().replicaSets().inNamespace(NS).withLabel("app", "cart").list().getItems();
    assertThat(cartSets).hasSize(2);
    assertThat(deployment("cart").getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void waitUntilConditionSeesTheRolloutCompleteThroughAWatch() {
    admin.apps().deployments().inNamespace(NS).withName("cart").scale(3);

    Deployment ready =
        admin
            .apps()
            .deployments()
            .inNamespace(NS)
            .withName("cart")
            .waitUntilCondition(
                d ->
                    d.getStatus() != null
                        && Integer.valueOf(3).equals(d.getStatus().getReadyReplicas()),
                20,
                java.util.concurrent.TimeUnit.SECONDS);

    assertThat(ready.getStatus().getAvailableReplicas()).isEqualTo(3);
  }

  @Test
  void scaleSubresourceChangesReplicasAndPodsFollow() {
    admin.apps().deployments().inNamespace(NS).withName("cart").scale(4);

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              assertThat(
                      admin
                          .apps()
                          .deployments()
                          .inNamespace(NS)
                          .withName("cart")
                          .scale()
                          .getStatus()
                          .getReplicas())
                  .isEqualTo(4);
              assertThat(sandbox.snapshot().deployment(NS, "cart").orElseThrow().readyReplicas())
                  .isEqualTo(4);
            });
    assertThat(sandbox.writes())
        .anyMatch(w -> w.path().contains("/deployments/cart/scale") && w.applied());
  }

  @Test
  void fabric8RestartAndEditGoThroughTheSupportedPatchTypes() {
    String steady = deployment("cart").getMetadata().getResourceVersion();
    sandbox.reconcileNow();
    assertThat(deployment("cart").getMetadata().getResourceVersion()).isEqualTo(steady);

    admin
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("cart")
        .edit(
            d -> {
              d.getMetadata().getLabels().put("edited", "yes");
              return d;
            });
    admin.apps().deployments().inNamespace(NS).withName("cart").rolling().restart();

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              var cart = deployment("cart");
              assertThat(cart.getMetadata().getLabels()).containsEntry("edited", "yes");
              assertThat(cart.getSpec().getTemplate().getMetadata().getAnnotations())
                  .containsKey("kubectl.kubernetes.io/restartedAt");
              assertThat(sandbox.snapshot().deployment(NS, "cart").orElseThrow().rolloutComplete())
                  .isTrue();
            });
  }

  private Deployment deployment() {
    return deployment("checkout");
  }

  private Deployment deployment(String name) {
    return admin.apps().deployments().inNamespace(NS).withName(name).get();
  }

  private List<ReplicaSet> history() {
    return admin
        .apps()
        .replicaSets()
        .inNamespace(NS)
        .withLabel("app", "checkout")
        .list()
        .getItems()
        .stream()
        .sorted((a, b) -> Long.compare(revision(a), revision(b)))
        .toList();
  }

  private static long revision(ReplicaSet rs) {
    return Long.parseLong(
        rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
  }

  private String replaceTemplate(PodTemplateSpec template) {
    PodTemplateSpec copy = json.clone(template);
    Map<String, String> labels = new HashMap<>(copy.getMetadata().getLabels());
    labels.remove("pod-template-hash");
    copy.getMetadata().setLabels(labels);
    return "[{\"op\":\"replace\",\"path\":\"/spec/template\",\"value\":" + json.asJson(copy) + "}]";
  }

  private double metric(String series) {
    String text = Clients.get(sandbox, null, "/metrics").body();
    return text.lines()
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no series " + series + " in\n" + text));
  }
}
