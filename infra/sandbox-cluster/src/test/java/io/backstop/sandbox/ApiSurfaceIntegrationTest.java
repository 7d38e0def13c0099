package io.backstop.sandbox;

import static io.backstop.sandbox.Specs.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery, typed lists, patches, dry run, logs, events, pod metrics and unsupported requests. */
class ApiSurfaceIntegrationTest {

  private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/shop/deployments";
  private static SandboxCluster sandbox;
  private static KubernetesClient admin;

  @BeforeAll
  static void start() {
    sandbox = SandboxCluster.start(Specs.badDeploy(), SandboxOptions.fast());
    admin = Clients.fabric8(sandbox, sandbox.tokens().admin());
  }

  @AfterAll
  static void stop() {
    admin.close();
    sandbox.close();
  }

  private static String get(String path) {
    var response = Clients.get(sandbox, sandbox.tokens().admin(), path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  @Test
  void servesDiscoveryForCoreAppsAndMetricsOnly() {
    assertThat(get("/api")).contains("\"versions\":[\"v1\"]");
    assertThat(get("/apis"))
        .contains("\"apps/v1\"")
        .contains("metrics.k8s.io/v1beta1")
        .doesNotContain("batch");
    assertThat(get("/api/v1")).contains("\"pods/log\"").contains("\"name\":\"pods\"");
    assertThat(get("/apis/apps/v1")).contains("\"deployments/scale\"").contains("\"statefulsets\"");
    assertThat(Clients.get(sandbox, null, "/version").body()).contains("\"gitVersion\"");
    assertThat(admin.getKubernetesVersion().getMajor()).isEqualTo("1");
  }

  @Test
  void listsCarryTheirTypedKind() {
    assertThat(get(DEPLOYMENTS))
        .contains("\"kind\":\"DeploymentList\"")
        .contains("\"apiVersion\":\"apps/v1\"");
    assertThat(get("/api/v1/namespaces/shop/pods")).contains("\"kind\":\"PodList\"");
    assertThat(get("/apis/apps/v1/replicasets")).contains("\"kind\":\"ReplicaSetList\"");
    assertThat(get("/apis/autoscaling/v2")).contains("\"horizontalpodautoscalers\"");
    assertThat(get("/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers"))
        .contains("\"kind\":\"HorizontalPodAutoscalerList\"");
    assertThat(get("/apis/networking.k8s.io/v1")).contains("\"networkpolicies\"");
    assertThat(get("/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies"))
        .contains("\"kind\":\"NetworkPolicyList\"");
  }

  @Test
  void servesHorizontalPodAutoscalersThatTheReadOnlyTokenMayReadButNotWrite() {
    var hpa =
        new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder()
            .withNewMetadata()
            .withName("cart")
            .withNamespace("shop")
            .endMetadata()
            .withNewSpec()
            .withNewScaleTargetRef()
            .withApiVersion("apps/v1")
            .withKind("Deployment")
            .withName("cart")
            .endScaleTargetRef()
            .withMinReplicas(2)
            .withMaxReplicas(4)
            .endSpec()
            .build();
    admin.autoscaling().v2().horizontalPodAutoscalers().inNamespace("shop").resource(hpa).create();

    try (KubernetesClient readOnly = Clients.fabric8(sandbox, sandbox.tokens().readOnly())) {
      var listed =
          readOnly.autoscaling().v2().horizontalPodAutoscalers().inNamespace("shop").list();
      assertThat(listed.getItems())
          .singleElement()
          .satisfies(h -> assertThat(h.getSpec().getMaxReplicas()).isEqualTo(4));
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  readOnly
                      .autoscaling()
                      .v2()
                      .horizontalPodAutoscalers()
                      .inNamespace("shop")
                      .withName("cart")
                      .delete())
          .hasMessageContaining("403");
    } finally {
      admin
          .autoscaling()
          .v2()
          .horizontalPodAutoscalers()
          .inNamespace("shop")
          .withName("cart")
          .delete();
    }
  }

  @Test
  void unsupportedRequestsGetAClearErrorNotTheMocksJson() {
    var jobs =
        Clients.get(sandbox, sandbox.tokens().admin(), "/apis/batch/v1/namespaces/shop/cronjobs");
    var unknown = Clients.get(sandbox, sandbox.tokens().admin(), "/not/an/api/path");
    var exec =
        Clients.send(
            sandbox,
            sandbox.tokens().admin(),
            "POST",
            "/api/v1/namespaces/shop/pods/prod-db-0/exec",
            null,
            null);

    assertThat(jobs.statusCode()).isEqualTo(404);
    assertThat(jobs.body()).contains("does not simulate cronjobs.batch");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("\"kind\":\"Status\"").contains("/not/an/api/path");
    assertThat(exec.statusCode()).isEqualTo(501);
    assertThat(exec.body()).contains("exec");
  }

  @Test
  void mergePatchReplacesArraysInsteadOfAppending() {
    admin.services().inNamespace(NS).resource(service()).create();

    Service patched =
        admin
            .services()
            .inNamespace(NS)
            .withName("web")
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"ports\":[{\"name\":\"alt\",\"port\":8081}]}}");

    assertThat(patched.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(8081);
    assertThat(admin.services().inNamespace(NS).withName("web").get().getSpec().getPorts())
        .hasSize(1);
  }

  @Test
  void strategicMergePatchWithAListIsRefusedWith415AndTheReason() {
    String body =
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"cart\",\"image\":\"x\"}]}}}}";
    var response =
        Clients.send(
            sandbox,
            sandbox.tokens().admin(),
            "PATCH",
            DEPLOYMENTS + "/cart",
            "application/strategic-merge-patch+json",
            body);

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.body()).contains("UnsupportedMediaType").contains("JSON Patch");
  }

  @Test
  void dryRunValidatesAndAnswersButChangesNothing() {
    Deployment before = admin.apps().deployments().inNamespace(NS).withName("checkout").get();
    String patch =
        "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"registry.local/checkout:9.9.9\"}]";

    var response =
        Clients.send(
            sandbox,
            sandbox.tokens().executor(),
            "PATCH",
            DEPLOYMENTS + "/checkout?dryRun=All",
            "application/json-patch+json",
            patch);
    var deleted =
        Clients.send(
            sandbox,
            sandbox.tokens().admin(),
            "DELETE",
            DEPLOYMENTS + "/cart?dryRun=All",
            null,
            null);
    var scaled =
        Clients.send(
            sandbox,
            sandbox.tokens().executor(),
            "PATCH",
            DEPLOYMENTS + "/cart/scale?dryRun=All",
            "application/merge-patch+json",
            "{\"spec\":{\"replicas\":7}}");
    var invalid =
        Clients.send(
            sandbox,
            sandbox.tokens().executor(),
            "PATCH",
            DEPLOYMENTS + "/cart/scale?dryRun=All",
            "application/merge-patch+json",
            "{\"spec\":{\"replicas\":-1}}");
    sandbox.reconcileNow();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("registry.local/checkout:9.9.9");
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(scaled.body()).contains("\"replicas\":7");
    assertThat(invalid.statusCode()).isEqualTo(422);
    Deployment after = admin.apps().deployments().inNamespace(NS).withName("checkout").get();
    assertThat(after.getSpec().getTemplate()).isEqualTo(before.getSpec().getTemplate());
    assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
    assertThat(
            admin
                .apps()
                .deployments()
                .inNamespace(NS)
                .withName("cart")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(2);
    assertThat(
            admin
                .apps()
                .replicaSets()
                .inNamespace(NS)
                .withLabel("app", "checkout")
                .list()
                .getItems())
        .hasSize(3);
    assertThat(sandbox.writes())
        .filteredOn(w -> w.dryRun())
        .isNotEmpty()
        .noneMatch(w -> w.applied());
  }

  @Test
  void fabric8DryRunPatchLeavesTheDeploymentAlone() {
    admin
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("cart")
        .dryRun()
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":9}}");

    assertThat(
            admin
                .apps()
                .deployments()
                .inNamespace(NS)
                .withName("cart")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(2);
  }

  @Test
  void logsHonourTailPreviousAndContainerAndCarryTheProfileAndInjectedLines() {
    Pod checkout =
        admin.pods().inNamespace(NS).withLabel("app", "checkout").list().getItems().get(0);
    Pod cart = admin.pods().inNamespace(NS).withLabel("app", "cart").list().getItems().get(0);
    String podLogs = "/api/v1/namespaces/shop/pods/";

    String crash = admin.pods().inNamespace(NS).withName(checkout.getMetadata().getName()).getLog();
    String tail =
        admin
            .pods()
            .inNamespace(NS)
            .withName(cart.getMetadata().getName())
            .tailingLines(3)
            .getLog();
    var previous =
        Clients.get(
            sandbox,
            sandbox.tokens().admin(),
            podLogs + cart.getMetadata().getName() + "/log?previous=true");
    var wrongContainer =
        Clients.get(
            sandbox,
            sandbox.tokens().admin(),
            podLogs + cart.getMetadata().getName() + "/log?container=nope");
    var follow =
        Clients.get(
            sandbox,
            sandbox.tokens().admin(),
            podLogs + cart.getMetadata().getName() + "/log?follow=true");

    assertThat(crash).contains("exiting with code 2").contains(Specs.INJECTION);
    assertThat(tail.lines()).hasSize(3);
    assertThat(previous.statusCode()).isEqualTo(400);
    assertThat(previous.body()).contains("previous terminated container");
    assertThat(wrongContainer.statusCode()).isEqualTo(400);
    assertThat(follow.statusCode()).isEqualTo(501);
  }

  @Test
  void crashLoopingPodsShowWaitingReasonRestartsAndLastTermination() {
    Pod pod = admin.pods().inNamespace(NS).withLabel("app", "checkout").list().getItems().get(0);
    var status = pod.getStatus().getContainerStatuses().get(0);

    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    assertThat(status.getReady()).isFalse();
    assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(status.getRestartCount()).isPositive();
    assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(2);
    assertThat(admin.v1().events().inNamespace(NS).list().getItems())
        .extracting(e -> e.getReason())
        .contains("Scheduled", "Pulled", "Started", "BackOff");
    assertThat(
            admin
                .v1()
                .events()
                .inNamespace(NS)
                .withField("involvedObject.name", pod.getMetadata().getName())
                .list()
                .getItems())
        .isNotEmpty()
        .allMatch(e -> e.getInvolvedObject().getName().equals(pod.getMetadata().getName()));
  }

  @Test
  void podMetricsServeTopForRunningPods() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              var metrics = admin.top().pods().metrics(NS);
              assertThat(metrics.getItems()).isNotEmpty();
              assertThat(metrics.getItems().get(0).getContainers().get(0).getUsage())
                  .containsKeys("cpu", "memory");
            });
  }

  @Test
  void scaleSubresourceAnswersGetAndPut() {
    var scale = Clients.get(sandbox, sandbox.tokens().readOnly(), DEPLOYMENTS + "/cart/scale");
    var put =
        Clients.send(
            sandbox,
            sandbox.tokens().executor(),
            "PUT",
            DEPLOYMENTS + "/cart/scale?dryRun=All",
            "application/json",
            "{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\",\"spec\":{\"replicas\":3}}");

    assertThat(scale.body())
        .contains("\"kind\":\"Scale\"")
        .contains("\"selector\":\"app=cart\"")
        .contains("\"replicas\":2");
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.body()).contains("\"replicas\":3");
    assertThat(get("/api/v1")).contains("\"categories\":[\"all\"]");
  }

  @Test
  void plainHttpWatchAnswersTheEventsAfterTheGivenVersionThenEnds() throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    String pods = "/api/v1/namespaces/shop/pods";
    String version =
        mapper
            .readTree(get(pods + "?labelSelector=app%3Dcart"))
            .path("metadata")
            .path("resourceVersion")
            .asText();
    Clients.send(
        sandbox,
        sandbox.tokens().admin(),
        "PATCH",
        DEPLOYMENTS + "/cart/scale",
        "application/merge-patch+json",
        "{\"spec\":{\"replicas\":3}}");

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              String events =
                  get(pods + "?watch=true&labelSelector=app%3Dcart&resourceVersion=" + version);
              assertThat(events.lines().filter(l -> l.startsWith("{\"type\":\"ADDED\"")).count())
                  .isEqualTo(1);
              assertThat(events).doesNotContain("checkout-");
            });
    Clients.send(
        sandbox,
        sandbox.tokens().admin(),
        "PATCH",
        DEPLOYMENTS + "/cart/scale",
        "application/merge-patch+json",
        "{\"spec\":{\"replicas\":2}}");
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        get(
                            pods
                                + "?watch=true&labelSelector=app%3Dcart&resourceVersion="
                                + version))
                    .contains("{\"type\":\"DELETED\""));
  }

  @Test
  void aWorkloadSelectorIsImmutable() {
    var response =
        Clients.send(
            sandbox,
            sandbox.tokens().admin(),
            "PATCH",
            DEPLOYMENTS + "/cart?dryRun=All",
            "application/merge-patch+json",
            "{\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"other\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"other\"}}}}}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("field is immutable");
  }

  @Test
  void staleResourceVersionConflicts() {
    Deployment cart = admin.apps().deployments().inNamespace(NS).withName("cart").get();
    cart.getMetadata().setResourceVersion("1");
    var response =
        Clients.send(
            sandbox,
            sandbox.tokens().admin(),
            "PUT",
            DEPLOYMENTS + "/cart",
            "application/json",
            admin.getKubernetesSerialization().asJson(cart));

    assertThat(response.statusCode()).isEqualTo(409);
  }

  private static Service service() {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName("web")
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        .addNewPort()
        .withName("http")
        .withPort(80)
        .endPort()
        .addNewPort()
        .withName("https")
        .withPort(443)
        .endPort()
        .endSpec()
        .build();
  }
}
