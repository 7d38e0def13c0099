package io.backstop.kubernetes;

import io.fabric8.kubernetes.client.Config;

/**
 * The client configuration chosen, and which credential it carries, for the start-up log line
 * ({@link #describe()} never contains a secret).
 */
public record ResolvedAccess(Config config, Source source, String detail) {

  /** Where the credential came from, in the order {@link ClusterConfigs} tries them. */
  public enum Source {
    URL_AND_TOKEN,
    KUBECONFIG,
    SERVICE_ACCOUNT,
    CLIENT_DEFAULTS
  }

  public String describe() {
    return switch (source) {
      case URL_AND_TOKEN -> "the configured API URL " + config.getMasterUrl() + " (" + detail + ")";
      case KUBECONFIG -> "kubeconfig " + detail + " (" + config.getMasterUrl() + ")";
      case SERVICE_ACCOUNT ->
          "the pod's service account (" + config.getMasterUrl() + ", " + detail + ")";
      case CLIENT_DEFAULTS -> "the client's own discovery (" + config.getMasterUrl() + ")";
    };
  }
}
