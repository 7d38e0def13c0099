package io.backstop.sandbox;

import static io.backstop.sandbox.Specs.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Permissions by bearer token: read-only, executor, none. */
class AccessIntegrationTest {

  private static final String DEPLOYMENT =
      "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"x\"}}";
  private static final String MERGE = "application/merge-patch+json";
  private static SandboxCluster sandbox;

  @BeforeAll
  static void start() {
    sandbox = SandboxCluster.start(Specs.badDeploy(), SandboxOptions.fast());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static Stream<Arguments> writes() {
    String deployments = "/apis/apps/v1/namespaces/shop/deployments";
    return Stream.of(
        Arguments.of("POST", deployments, "application/json", DEPLOYMENT),
        Arguments.of("PUT", deployments + "/cart", "application/json", DEPLOYMENT),
        Arguments.of("PATCH", deployments + "/cart", MERGE, "{\"spec\":{\"replicas\":5}}"),
        Arguments.of(
            "PATCH", deployments + "/cart?dryRun=All", MERGE, "{\"spec\":{\"replicas\":5}}"),
        Arguments.of("DELETE", deployments + "/cart", null, null),
        Arguments.of("PATCH", deployments + "/cart/scale", MERGE, "{\"spec\":{\"replicas\":5}}"),
        Arguments.of(
            "PATCH",
            "/apis/apps/v1/namespaces/shop/statefulsets/prod-db",
            MERGE,
            "{\"spec\":{\"replicas\":0}}"),
        Arguments.of("DELETE", "/api/v1/namespaces/shop/pods/prod-db-0", null, null),
        Arguments.of(
            "POST",
            "/api/v1/namespaces/shop/configmaps",
            "application/json",
            "{\"metadata\":{\"name\":\"c\"}}"),
        Arguments.of("DELETE", "/api/v1/namespaces/shop", null, null));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writes")
  void readOnlyTokenIsForbiddenEveryWriteWithAKubernetesStatus(
      String method, String path, String contentType, String body) {
    var response =
        Clients.send(sandbox, sandbox.tokens().readOnly(), method, path, contentType, body);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body())
        .contains("\"kind\":\"Status\"")
        .contains("\"reason\":\"Forbidden\"")
        .contains("\"code\":403")
        .contains("read-only");
  }

  @Test
  void readOnlyTokenReadsWorkloadsEventsAndLogsButNeverSecrets() {
    try (KubernetesClient readOnly = Clients.fabric8(sandbox, sandbox.tokens().readOnly())) {
      assertThat(readOnly.apps().deployments().inNamespace(NS).list().getItems()).hasSize(2);
      assertThat(readOnly.v1().events().inNamespace(NS).list().getItems()).isNotEmpty();
      String pod =
          readOnly
              .pods()
              .inNamespace(NS)
              .withLabel("app", "cart")
              .list()
              .getItems()
              .get(0)
              .getMetadata()
              .getName();
      assertThat(readOnly.pods().inNamespace(NS).withName(pod).getLog())
          .contains("GET /api/cart 200");

      assertThatThrownBy(() -> readOnly.secrets().inNamespace(NS).list())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      assertThatThrownBy(
              () -> readOnly.apps().deployments().inNamespace(NS).withName("cart").scale(5))
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }

  @Test
  void requestsWithoutAValidTokenAreUnauthorized() {
    var none = Clients.get(sandbox, null, "/apis/apps/v1/namespaces/shop/deployments");
    var unknown = Clients.get(sandbox, "not-a-sandbox-token", "/api/v1/namespaces/shop/pods");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.body()).contains("\"reason\":\"Unauthorized\"").contains("no bearer token");
    assertThat(unknown.statusCode()).isEqualTo(401);
  }

  @Test
  void executorTokenMayPatchADeploymentButNotDeleteItNorTouchAStatefulSet() {
    try (KubernetesClient executor = Clients.fabric8(sandbox, sandbox.tokens().executor())) {
      var patched =
          executor
              .apps()
              .deployments()
              .inNamespace(NS)
              .withName("cart")
              .patch(
                  PatchContext.of(PatchType.JSON_MERGE),
                  "{\"metadata\":{\"labels\":{\"patched-by\":\"executor\"}}}");
      assertThat(patched.getMetadata().getLabels()).containsEntry("patched-by", "executor");

      assertThatThrownBy(
              () -> executor.apps().deployments().inNamespace(NS).withName("cart").delete())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      assertThatThrownBy(
              () ->
                  executor
                      .apps()
                      .statefulSets()
                      .inNamespace(NS)
                      .withName("prod-db")
                      .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":0}}"))
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      assertThatThrownBy(() -> executor.pods().inNamespace(NS).withName("prod-db-0").delete())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      assertThatThrownBy(() -> executor.secrets().inNamespace(NS).list())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
    var snapshot = sandbox.snapshot();
    assertThat(snapshot.appliedWritesTo("prod-db")).isEmpty();
    assertThat(snapshot.statefulSet(NS, "prod-db").orElseThrow().generation()).isEqualTo(1);
    assertThat(snapshot.writes())
        .anyMatch(
            w ->
                w.principal().equals("executor") && w.method().equals("DELETE") && w.code() == 403);
  }
}
