package io.backstop.executor;

import io.backstop.events.Topics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * executor-service configuration. {@code dryRun} plans every write and applies none; {@code
 * allowedNamespaces} is the executor's own last word on where it may write, whatever the policy
 * file says; {@code policyFile} is the same action-gate policy file the guardrail loads; {@code
 * guardrailPublicKeys} are the Ed25519 public keys (PEM text or PEM file paths; env {@code
 * BACKSTOP_EXECUTOR_GUARDRAIL_PUBLIC_KEYS}) an approval or a breaker reset must be signed with: the
 * guardrail's current key, and during a rotation also the next or previous one. None configured:
 * the service does not start.
 */
@Validated
@ConfigurationProperties("backstop.executor")
public record ExecutorProperties(
    boolean dryRun,
    @NotEmpty(message = "allowedNamespaces must name at least one namespace, but was empty")
        List<String> allowedNamespaces,
    String policyFile,
    @Valid Kubernetes kubernetes,
    @Valid Verification verification,
    @Valid Prometheus prometheus,
    @Valid Ledger ledger,
    List<String> guardrailPublicKeys) {

  /** The settings without trusted keys (tests that sign nothing wire the verifier themselves). */
  public ExecutorProperties(
      boolean dryRun,
      List<String> allowedNamespaces,
      String policyFile,
      Kubernetes kubernetes,
      Verification verification,
      Prometheus prometheus,
      Ledger ledger) {
    this(dryRun, allowedNamespaces, policyFile, kubernetes, verification, prometheus, ledger, null);
  }

  @ConstructorBinding
  public ExecutorProperties {
    guardrailPublicKeys =
        guardrailPublicKeys == null ? List.of() : List.copyOf(guardrailPublicKeys);
    allowedNamespaces = allowedNamespaces == null ? List.of() : List.copyOf(allowedNamespaces);
    kubernetes = kubernetes == null ? new Kubernetes(null, null, null, false) : kubernetes;
    verification = verification == null ? Verification.defaults() : verification;
    prometheus = prometheus == null ? new Prometheus(null, null, null, null) : prometheus;
    ledger = ledger == null ? new Ledger(null, null, null) : ledger;
  }

  /**
   * The write credentials, this service's alone: an API server URL with a bearer token (env {@code
   * BACKSTOP_EXECUTOR_K8S_TOKEN}), or a kubeconfig file; empty means in-cluster service account.
   */
  public record Kubernetes(String masterUrl, String token, String kubeconfig, boolean trustCerts) {

    @Override
    public String toString() {
      return "Kubernetes[masterUrl="
          + masterUrl
          + ", token="
          + (token == null ? "none" : "***")
          + ", kubeconfig="
          + kubeconfig
          + ", trustCerts="
          + trustCerts
          + "]";
    }
  }

  /**
   * How long and how often the executor watches a rollout after its write. The whole window runs on
   * the consumer thread, so {@code timeout} (twice, with a revert) must stay well under the
   * binding's {@code max.poll.interval.ms}; {@code stablePolls} is how many consecutive healthy
   * polls with no new restarts count as recovered.
   */
  public record Verification(Duration timeout, Duration pollInterval, int stablePolls) {

    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(4);

    public Verification {
      timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
      pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
      stablePolls = stablePolls == 0 ? 2 : stablePolls;
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException(
            "verification.timeout must be between 1ms and " + MAX_TIMEOUT + ", but was " + timeout);
      }
      if (pollInterval.isNegative()
          || pollInterval.isZero()
          || pollInterval.compareTo(timeout) > 0) {
        throw new IllegalArgumentException(
            "verification.pollInterval must be positive and at most the timeout ("
                + timeout
                + "), but was "
                + pollInterval);
      }
      if (stablePolls < 1 || stablePolls > 20) {
        throw new IllegalArgumentException(
            "verification.stablePolls must be between 1 and 20, but was " + stablePolls);
      }
    }

    public static Verification defaults() {
      return new Verification(null, null, 0);
    }

    /** How many polls fit in the window; never zero. */
    public int maxPolls() {
      return (int) Math.max(1, timeout.toMillis() / pollInterval.toMillis());
    }
  }

  /**
   * Where the error signal comes from, when configured. {@code errorRatioQuery} is a PromQL
   * template with {@code %1$s} for the namespace and {@code %2$s} for the Deployment name: the
   * fixed rule, for events whose signals record no error basis. {@code requestsByCodeQuery} (same
   * placeholders) answers the request rate per {@code code} label; it measures a recorded basis
   * that did not record its own query.
   */
  public record Prometheus(
      String url,
      String errorRatioQuery,
      Double errorRatioThreshold,
      Duration timeout,
      String requestsByCodeQuery) {

    public static final String DEFAULT_QUERY =
        "sum(rate(http_requests_total{namespace=\"%1$s\",deployment=\"%2$s\",code=~\"5..\"}[1m]))"
            + " / sum(rate(http_requests_total{namespace=\"%1$s\",deployment=\"%2$s\"}[1m]))";

    public static final String DEFAULT_BY_CODE_QUERY =
        "sum by (code) (irate(http_requests_total{namespace=\"%1$s\",deployment=\"%2$s\"}[1m]))";

    /** Settings with the default query by code. */
    public Prometheus(
        String url, String errorRatioQuery, Double errorRatioThreshold, Duration timeout) {
      this(url, errorRatioQuery, errorRatioThreshold, timeout, null);
    }

    @ConstructorBinding
    public Prometheus {
      requestsByCodeQuery =
          requestsByCodeQuery == null || requestsByCodeQuery.isBlank()
              ? DEFAULT_BY_CODE_QUERY
              : requestsByCodeQuery;
      errorRatioQuery =
          errorRatioQuery == null || errorRatioQuery.isBlank() ? DEFAULT_QUERY : errorRatioQuery;
      errorRatioThreshold = errorRatioThreshold == null ? 0.05 : errorRatioThreshold;
      timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
      if (errorRatioThreshold <= 0 || errorRatioThreshold >= 1) {
        throw new IllegalArgumentException(
            "prometheus.errorRatioThreshold must be between 0 and 1 (exclusive), but was "
                + errorRatioThreshold);
      }
    }

    public boolean configured() {
      return url != null && !url.isBlank();
    }
  }

  /** The applied-action ledger: a compacted Kafka topic keyed by action id, rebuilt on start. */
  public record Ledger(String topic, String bootstrapServers, Duration rebuildTimeout) {

    public Ledger {
      topic = topic == null || topic.isBlank() ? Topics.EXECUTOR_LEDGER : topic;
      bootstrapServers =
          bootstrapServers == null || bootstrapServers.isBlank()
              ? "localhost:9092"
              : bootstrapServers;
      rebuildTimeout = rebuildTimeout == null ? Duration.ofSeconds(30) : rebuildTimeout;
    }
  }
}
