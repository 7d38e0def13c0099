package io.backstop.kubernetes;

import static io.backstop.kubernetes.ApiAccess.blank;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.File;
import java.nio.file.Files;
import java.util.function.UnaryOperator;

/**
 * Chooses a service's Kubernetes credential, first match wins:
 *
 * <ol>
 *   <li>an API URL is configured: that URL with the configured token (for a cluster other than the
 *       pod's own, or the local sandbox);
 *   <li>a kubeconfig file is configured: that file and context;
 *   <li>the process runs in a pod ({@code KUBERNETES_SERVICE_HOST} is set): the API server of the
 *       pod's cluster, verified against the mounted {@code ca.crt}, with the mounted token re-read
 *       as the kubelet rotates it. A pod without a mounted token is an error, not a fallback;
 *   <li>otherwise the client's own discovery ({@code ~/.kube/config}), for a developer's laptop.
 * </ol>
 *
 * Setting the in-cluster URL by hand ({@code https://kubernetes.default.svc}) selects rule 1 and
 * drops the service account: leave the URL blank in a pod.
 */
public final class ClusterConfigs {

  private ClusterConfigs() {}

  public static ResolvedAccess resolve(ApiAccess access) {
    return resolve(access, ServiceAccountMount.POD, System::getenv);
  }

  static ResolvedAccess resolve(
      ApiAccess access, ServiceAccountMount mount, UnaryOperator<String> env) {
    if (!blank(access.masterUrl())) {
      ConfigBuilder b =
          new ConfigBuilder(Config.empty())
              .withMasterUrl(access.masterUrl())
              .withTrustCerts(access.trustCerts());
      if (!blank(access.token())) {
        b.withOauthToken(access.token());
      }
      return new ResolvedAccess(
          b.build(),
          ResolvedAccess.Source.URL_AND_TOKEN,
          blank(access.token()) ? "no token" : "bearer token");
    }
    if (!blank(access.kubeconfig())) {
      File file = new File(access.kubeconfig());
      if (!file.canRead()) {
        throw new IllegalArgumentException(
            "the kubeconfig must be a readable file, but was " + access.kubeconfig());
      }
      Config config =
          Config.fromKubeconfig(blank(access.context()) ? null : access.context(), file);
      if (access.trustCerts()) {
        config.setTrustCerts(true);
      }
      return new ResolvedAccess(
          config,
          ResolvedAccess.Source.KUBECONFIG,
          file + (blank(access.context()) ? "" : " context " + access.context()));
    }
    String host = env.apply("KUBERNETES_SERVICE_HOST");
    if (!blank(host)) {
      return new ResolvedAccess(
          inCluster(host, env.apply("KUBERNETES_SERVICE_PORT"), mount),
          ResolvedAccess.Source.SERVICE_ACCOUNT,
          "token " + mount.token() + ", CA " + mount.caCert());
    }
    Config config = Config.autoConfigure(blank(access.context()) ? null : access.context());
    return new ResolvedAccess(config, ResolvedAccess.Source.CLIENT_DEFAULTS, "");
  }

  private static Config inCluster(String host, String port, ServiceAccountMount mount) {
    if (!mount.hasToken()) {
      throw new IllegalStateException(
          "running in a pod (KUBERNETES_SERVICE_HOST is set) but no service-account token is"
              + " mounted at "
              + mount.token()
              + ": set automountServiceAccountToken: true for this service's ServiceAccount, or"
              + " configure an API URL and token or a kubeconfig");
    }
    if (!Files.isReadable(mount.caCert())) {
      throw new IllegalStateException(
          "running in a pod but the cluster CA is not mounted at "
              + mount.caCert()
              + "; refusing to talk to the API server without verifying it");
    }
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    String url = "https://" + h + ":" + (blank(port) ? "443" : port.trim());
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withCaCertFile(mount.caCert().toString())
        .withTrustCerts(false)
        .withOauthTokenProvider(new TokenFile(mount.token()))
        .build();
  }
}
