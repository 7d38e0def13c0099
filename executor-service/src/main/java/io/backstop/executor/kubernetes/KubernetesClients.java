package io.backstop.executor.kubernetes;

import io.backstop.executor.ExecutorProperties;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;

/**
 * Builds the executor's client from its own credentials: an explicit API server URL and bearer
 * token ({@code BACKSTOP_EXECUTOR_K8S_TOKEN}), else a kubeconfig file, else the in-cluster service
 * account. Nothing else in the system holds these credentials.
 */
public final class KubernetesClients {

  private KubernetesClients() {}

  public static KubernetesClient create(ExecutorProperties.Kubernetes settings) {
    return new KubernetesClientBuilder().withConfig(config(settings)).build();
  }

  static Config config(ExecutorProperties.Kubernetes settings) {
    if (settings.masterUrl() != null && !settings.masterUrl().isBlank()) {
      return new ConfigBuilder(Config.empty())
          .withMasterUrl(settings.masterUrl())
          .withOauthToken(settings.token())
          .withTrustCerts(settings.trustCerts())
          .withRequestRetryBackoffLimit(0)
          .build();
    }
    if (settings.kubeconfig() != null && !settings.kubeconfig().isBlank()) {
      return Config.fromKubeconfig(new File(settings.kubeconfig()));
    }
    return new ConfigBuilder().build();
  }
}
