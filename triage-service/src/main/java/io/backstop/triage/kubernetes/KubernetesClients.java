package io.backstop.triage.kubernetes;

import io.backstop.kubernetes.ApiAccess;
import io.backstop.kubernetes.ClusterConfigs;
import io.backstop.kubernetes.ResolvedAccess;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the fabric8 client from {@link KubernetesAccess}; only the read-only facade gets it. Which
 * credential is used is decided by {@link ClusterConfigs}: in a pod with nothing configured, the
 * pod's own service-account token and CA.
 */
public final class KubernetesClients {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesClients.class);

  private KubernetesClients() {}

  public static ReadOnlyCluster readOnly(KubernetesAccess access) {
    return new Fabric8ReadOnlyCluster(
        new KubernetesClientBuilder().withConfig(config(access)).build());
  }

  static Config config(KubernetesAccess access) {
    if (notBlank(access.kubeconfig()) && !new File(access.kubeconfig()).canRead()) {
      throw new IllegalArgumentException(
          "backstop.triage.kubernetes.kubeconfig must be a readable file, but was "
              + access.kubeconfig());
    }
    ResolvedAccess resolved =
        ClusterConfigs.resolve(
            new ApiAccess(
                access.masterUrl(),
                access.token(),
                access.kubeconfig(),
                access.context(),
                access.trustCerts()));
    LOG.info("triage reads the Kubernetes API through {}", resolved.describe());
    Config base = resolved.config();
    int timeoutMs = (int) access.requestTimeout().toMillis();
    return new ConfigBuilder(base)
        .withTrustCerts(access.trustCerts() || base.isTrustCerts())
        .withRequestTimeout(timeoutMs)
        .withConnectionTimeout(timeoutMs)
        .withRequestRetryBackoffLimit(0)
        .build();
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
