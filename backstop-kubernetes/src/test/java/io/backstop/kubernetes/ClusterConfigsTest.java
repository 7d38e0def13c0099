package io.backstop.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server is the fabric8 mock over TLS with a self-signed certificate; the pod's files are
 * laid out as the kubelet mounts them ({@code var/run/secrets/kubernetes.io/serviceaccount/token}
 * and {@code ca.crt} under a temporary root), and the environment is the one a pod gets.
 */
class ClusterConfigsTest {

  private static final String PATH = "/apis/apps/v1/namespaces/shop/deployments/checkout";

  @TempDir Path root;
  private MockWebServer web;
  private KubernetesMockServer server;
  private ServiceAccountMount mount;
  private Map<String, String> env;

  @BeforeEach
  void startApiServerOverTlsAndLayOutThePodsFiles() throws Exception {
    web = new MockWebServer();
    server = new KubernetesMockServer(new Context(), web, new HashMap<>(), true);
    server.start(InetAddress.getLoopbackAddress(), 0);
    Deployment checkout =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("checkout")
            .withNamespace("shop")
            .endMetadata()
            .build();
    server.expect().get().withPath(PATH).andReturn(200, checkout).always();

    mount = new ServiceAccountMount(root.resolve("var/run/secrets/kubernetes.io/serviceaccount"));
    Files.createDirectories(mount.dir());
    Files.writeString(mount.token(), "pod-token-1\n");
    Files.copy(Path.of(web.getSelfSignedCertificate().certificatePath()), mount.caCert());
    env =
        Map.of(
            "KUBERNETES_SERVICE_HOST",
            "localhost",
            "KUBERNETES_SERVICE_PORT",
            Integer.toString(server.getPort()));
  }

  @AfterEach
  void stop() {
    server.destroy();
  }

  @Test
  void inAPodWithNothingConfiguredUsesTheMountedTokenAndVerifiesTheServerWithTheMountedCa()
      throws Exception {
    ResolvedAccess access = ClusterConfigs.resolve(ApiAccess.inCluster(), mount, env::get);

    assertThat(access.source()).isEqualTo(ResolvedAccess.Source.SERVICE_ACCOUNT);
    assertThat(access.config().getMasterUrl()).startsWith("https://localhost:" + server.getPort());
    assertThat(access.config().isTrustCerts()).isFalse();
    try (KubernetesClient client = client(access)) {
      assertThat(checkout(client)).isNotNull();
    }
    assertThat(lastRequest().getHeader("Authorization")).isEqualTo("Bearer pod-token-1");
    assertThat(access.describe()).doesNotContain("pod-token-1");
  }

  @Test
  void aRotatedTokenIsSentOnTheNextRequestWithoutARestart() throws Exception {
    ResolvedAccess access = ClusterConfigs.resolve(ApiAccess.inCluster(), mount, env::get);
    try (KubernetesClient client = client(access)) {
      checkout(client);
      assertThat(lastRequest().getHeader("Authorization")).isEqualTo("Bearer pod-token-1");

      Files.writeString(mount.token(), "pod-token-2");
      Files.setLastModifiedTime(mount.token(), FileTime.from(Instant.now().plusSeconds(60)));
      checkout(client);
      assertThat(lastRequest().getHeader("Authorization")).isEqualTo("Bearer pod-token-2");
    }
  }

  @Test
  void refusesAnApiServerWhoseCertificateTheMountedCaDidNotIssue() throws Exception {
    SelfSignedCertificate other = SelfSignedCertificate.create("localhost");
    Files.copy(
        Path.of(other.certificatePath()),
        mount.caCert(),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    ResolvedAccess access = ClusterConfigs.resolve(ApiAccess.inCluster(), mount, env::get);
    try (KubernetesClient client = client(access)) {
      assertThatThrownBy(() -> checkout(client)).isInstanceOf(KubernetesClientException.class);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aPodWithoutAMountedTokenIsANamedErrorNotAFallback() throws Exception {
    Files.delete(mount.token());

    assertThatThrownBy(() -> ClusterConfigs.resolve(ApiAccess.inCluster(), mount, env::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no service-account token is mounted at " + mount.token())
        .hasMessageContaining("automountServiceAccountToken");
  }

  @Test
  void aPodWithoutTheClusterCaRefusesToStart() throws Exception {
    Files.delete(mount.caCert());

    assertThatThrownBy(() -> ClusterConfigs.resolve(ApiAccess.inCluster(), mount, env::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cluster CA is not mounted");
  }

  @Test
  void aConfiguredUrlAndTokenWinOverThePodsServiceAccount() throws Exception {
    ApiAccess configured =
        new ApiAccess(
            "https://localhost:" + server.getPort(), "configured-token", null, null, true);

    ResolvedAccess access = ClusterConfigs.resolve(configured, mount, env::get);

    assertThat(access.source()).isEqualTo(ResolvedAccess.Source.URL_AND_TOKEN);
    try (KubernetesClient client = client(access)) {
      checkout(client);
    }
    assertThat(lastRequest().getHeader("Authorization")).isEqualTo("Bearer configured-token");
    assertThat(configured.toString()).doesNotContain("configured-token");
  }

  @Test
  void outsideAPodWithNothingConfiguredUsesTheClientsOwnDiscovery() {
    ResolvedAccess access = ClusterConfigs.resolve(ApiAccess.inCluster(), mount, name -> null);

    assertThat(access.source()).isEqualTo(ResolvedAccess.Source.CLIENT_DEFAULTS);
  }

  @Test
  void anUnreadableKubeconfigIsANamedError() {
    ApiAccess access = new ApiAccess(null, null, root.resolve("nope").toString(), null, false);

    assertThatThrownBy(() -> ClusterConfigs.resolve(access, mount, env::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kubeconfig must be a readable file");
  }

  private static KubernetesClient client(ResolvedAccess access) {
    access.config().setRequestRetryBackoffLimit(0);
    return new KubernetesClientBuilder().withConfig(access.config()).build();
  }

  private static Deployment checkout(KubernetesClient client) {
    return client.apps().deployments().inNamespace("shop").withName("checkout").get();
  }

  private RecordedRequest lastRequest() throws InterruptedException {
    RecordedRequest last = null;
    RecordedRequest next;
    while ((next = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      last = next;
    }
    assertThat(last).as("a request reached the API server").isNotNull();
    return last;
  }
}
