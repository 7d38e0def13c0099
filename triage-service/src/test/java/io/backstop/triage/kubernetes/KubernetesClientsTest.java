package io.backstop.triage.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesClientsTest {

  @Test
  void usesTheConfiguredMasterTokenAndTimeoutWithoutRetries() {
    Config config =
        KubernetesClients.config(
            new KubernetesAccess(
                true,
                "https://127.0.0.1:6443",
                "read-only-token",
                null,
                null,
                true,
                Duration.ofSeconds(3)));

    assertThat(config.getMasterUrl()).startsWith("https://127.0.0.1:6443");
    assertThat(config.getOauthToken()).isEqualTo("read-only-token");
    assertThat(config.isTrustCerts()).isTrue();
    assertThat(config.getRequestTimeout()).isEqualTo(3000);
    assertThat(config.getRequestRetryBackoffLimit()).isZero();
  }

  @Test
  void readsTheNamedContextOfAKubeconfig(@TempDir Path dir) throws Exception {
    Path kubeconfig = dir.resolve("config");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: sandbox
          cluster: {server: "https://127.0.0.1:7443", insecure-skip-tls-verify: true}
        users:
        - name: triage-reader
          user: {token: reader-token}
        contexts:
        - name: triage
          context: {cluster: sandbox, user: triage-reader, namespace: shop}
        current-context: triage
        """);

    Config config =
        KubernetesClients.config(
            new KubernetesAccess(
                true, null, null, kubeconfig.toString(), "triage", false, Duration.ofSeconds(5)));

    assertThat(config.getMasterUrl()).startsWith("https://127.0.0.1:7443");
    assertThat(config.getAutoOAuthToken()).isEqualTo("reader-token");
  }

  @Test
  void refusesAKubeconfigThatCannotBeReadNamingTheSetting() {
    assertThatThrownBy(
            () ->
                KubernetesClients.config(
                    new KubernetesAccess(
                        true,
                        null,
                        null,
                        "/nonexistent/kubeconfig",
                        null,
                        false,
                        Duration.ofSeconds(5))))
        .hasMessage(
            "backstop.triage.kubernetes.kubeconfig must be a readable file,"
                + " but was /nonexistent/kubeconfig");
  }
}
