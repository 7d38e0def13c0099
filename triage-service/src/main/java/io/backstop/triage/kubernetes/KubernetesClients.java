package io.backstop.triage.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;

/** Builds the fabric8 client from {@link KubernetesAccess}; only the read-only facade gets it. */
public final class KubernetesClients {

  private KubernetesClients() {}

  public static ReadOnlyCluster readOnly(KubernetesAccess access) {
    return new Fabric8ReadOnlyCluster(
        new KubernetesClientBuilder().withConfig(config(access)).build());
  }

  static Config config(KubernetesAccess access) {
    Config base = base(access);
    ConfigBuilder builder = new ConfigBuilder(base);
    if (notBlank(access.masterUrl())) {
      builder.withMasterUrl(access.masterUrl());
    }
    if (notBlank(access.token())) {
      builder.withOauthToken(access.token());
    }
    int timeoutMs = (int) access.requestTimeout().toMillis();
    return builder
        .withTrustCerts(access.trustCerts() || base.isTrustCerts())
        .withRequestTimeout(timeoutMs)
        .withConnectionTimeout(timeoutMs)
        .withRequestRetryBackoffLimit(0)
        .build();
  }

  private static Config base(KubernetesAccess access) {
    if (!notBlank(access.kubeconfig())) {
      return notBlank(access.masterUrl()) ? Config.empty() : Config.autoConfigure(access.context());
    }
    File file = new File(access.kubeconfig());
    if (!file.canRead()) {
      throw new IllegalArgumentException(
          "backstop.triage.kubernetes.kubeconfig must be a readable file, but was "
              + access.kubeconfig());
    }
    return Config.fromKubeconfig(access.context(), file);
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
