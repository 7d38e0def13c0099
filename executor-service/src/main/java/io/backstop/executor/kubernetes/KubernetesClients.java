package io.backstop.executor.kubernetes;

import io.backstop.executor.ExecutorProperties;
import io.backstop.kubernetes.ApiAccess;
import io.backstop.kubernetes.ClusterConfigs;
import io.backstop.kubernetes.ResolvedAccess;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the executor's client from its own credentials: an explicit API server URL and bearer
 * token ({@code BACKSTOP_EXECUTOR_K8S_TOKEN}), else a kubeconfig file, else, in a pod, the pod's
 * service-account token and CA (see {@link ClusterConfigs}). Nothing else in the system holds these
 * credentials. The client never retries a request by itself: a write is sent once.
 */
public final class KubernetesClients {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesClients.class);

  private KubernetesClients() {}

  public static KubernetesClient create(ExecutorProperties.Kubernetes settings) {
    return new KubernetesClientBuilder().withConfig(config(settings)).build();
  }

  static Config config(ExecutorProperties.Kubernetes settings) {
    String kubeconfig = settings.kubeconfig();
    if (kubeconfig != null && !kubeconfig.isBlank() && !new File(kubeconfig).canRead()) {
      throw new IllegalArgumentException(
          "backstop.executor.kubernetes.kubeconfig must be a readable file, but was " + kubeconfig);
    }
    ResolvedAccess resolved =
        ClusterConfigs.resolve(
            new ApiAccess(
                settings.masterUrl(), settings.token(), kubeconfig, null, settings.trustCerts()));
    LOG.info("executor writes through {}", resolved.describe());
    Config config = resolved.config();
    config.setRequestRetryBackoffLimit(0);
    return config;
  }
}
