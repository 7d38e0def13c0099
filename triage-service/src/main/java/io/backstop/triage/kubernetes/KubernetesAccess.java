package io.backstop.triage.kubernetes;

import io.backstop.triage.Limits;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How triage reaches the Kubernetes API, read-only: a master URL with a token (from {@code
 * BACKSTOP_TRIAGE_K8S_TOKEN}), or a kubeconfig file and context; neither means the client's own
 * discovery (in-cluster service account, {@code ~/.kube/config}). {@code enabled=false} turns
 * cluster gathering off, and every SignalsGathered then lists kubernetes as missing.
 */
public record KubernetesAccess(
    @DefaultValue("true") boolean enabled,
    String masterUrl,
    String token,
    String kubeconfig,
    String context,
    @DefaultValue("false") boolean trustCerts,
    @DefaultValue("5s") Duration requestTimeout) {

  public KubernetesAccess {
    Limits.positive("backstop.triage.kubernetes.request-timeout", requestTimeout);
  }

  /** Redacted on purpose: the token must never reach a log line. */
  @Override
  public String toString() {
    return "KubernetesAccess[masterUrl="
        + masterUrl
        + ", kubeconfig="
        + kubeconfig
        + ", context="
        + context
        + ", token="
        + (token == null || token.isBlank() ? "none" : "***")
        + "]";
  }
}
