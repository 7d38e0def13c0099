package io.backstop.kubernetes;

/**
 * What an operator configured for one service's Kubernetes access. Every field may be blank: then
 * the pod's own service account is used (see {@link ClusterConfigs}). The token is never printed.
 *
 * @param masterUrl the API server URL; set only to reach a cluster other than the pod's own
 * @param token a bearer token for {@code masterUrl}
 * @param kubeconfig a kubeconfig file, with {@code context} (blank: its current context)
 * @param trustCerts skip server certificate checks (a sandbox only; never for a real cluster)
 */
public record ApiAccess(
    String masterUrl, String token, String kubeconfig, String context, boolean trustCerts) {

  /** Nothing configured: in a pod, its service account. */
  public static ApiAccess inCluster() {
    return new ApiAccess(null, null, null, null, false);
  }

  @Override
  public String toString() {
    return "ApiAccess[masterUrl="
        + masterUrl
        + ", kubeconfig="
        + kubeconfig
        + ", context="
        + context
        + ", trustCerts="
        + trustCerts
        + ", token="
        + (blank(token) ? "none" : "***")
        + "]";
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
