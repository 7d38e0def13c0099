package io.backstop.triage.metrics;

import io.backstop.triage.Limits;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Prometheus HTTP API triage queries, if any ({@code url} unset means metrics are reported
 * unavailable, never invented), and the named PromQL queries it runs. A query may use the
 * placeholders {@code {namespace}} and {@code {workload}}. The names {@code error_ratio}, {@code
 * latency_p99}, {@code cpu}, {@code memory}, {@code memory_ratio}, {@code memory_by_pod} and {@code
 * oom_killed} drive symptom recognition with the thresholds here. {@code memory_by_pod} (each pod's
 * working set over its limit, one series per pod) is read as a range at {@code memoryTrendStep}
 * (the {@code step} unless set): a leak shows as one pod's working set climbing within one run of
 * its container, which a sum over pods (their runs out of phase) or a peak (an OOM at start peaks
 * at the limit too) cannot show. The defaults follow the alert rules' conventions: series labelled
 * {@code namespace} and {@code deployment} (as kube-state-metrics and a relabelled cAdvisor give
 * them), CPU as usage over {@code kube_pod_container_resource_limits}, memory as the working set
 * over {@code container_spec_memory_limit_bytes}. Rates are {@code irate}: triage reads the state
 * now (the last two scrapes), as the alert rule's {@code for} already held it for its window, and a
 * minute-long average would still be mostly the minute before the fault; the range read with the
 * same query gives the history and the onset.
 */
public record PrometheusSettings(
    URI url,
    @DefaultValue("3s") Duration timeout,
    @DefaultValue("1h") Duration range,
    @DefaultValue("30s") Duration step,
    Map<String, String> queries,
    @DefaultValue("0.05") double errorRatioThreshold,
    @DefaultValue("1.0") double latencyThresholdSeconds,
    @DefaultValue("0.9") double cpuSaturationThreshold,
    @DefaultValue("1.5") double memoryGrowthFactor,
    @DefaultValue("0.9") double memoryLimitThreshold,
    @DefaultValue("3s") Duration noDataWait,
    @DefaultValue("auto") String errorCodes,
    @DefaultValue("0.01") double nearZero,
    Map<String, String> namespaceQueries,
    String windowPeakQuery,
    String windowCoverageQuery,
    Duration memoryTrendStep) {

  public static final String ERROR_RATIO = "error_ratio";
  public static final String LATENCY_P99 = "latency_p99";
  public static final String RESTARTS = "restarts";
  public static final String MEMORY = "memory";
  public static final String CPU = "cpu";
  public static final String MEMORY_RATIO = "memory_ratio";
  public static final String MEMORY_BY_POD = "memory_by_pod";

  /** The most points Prometheus returns for one series of a range query. */
  static final long MAX_POINTS = 11_000;

  public static final String OOM_KILLED = "oom_killed";
  public static final String REQUESTS_BY_CODE = "requests_by_code";

  public PrometheusSettings {
    Limits.positive("backstop.triage.prometheus.timeout", timeout);
    Limits.positive("backstop.triage.prometheus.range", range);
    Limits.positive("backstop.triage.prometheus.step", step);
    Limits.between("backstop.triage.prometheus.error-ratio-threshold", errorRatioThreshold, 0, 1);
    Limits.between(
        "backstop.triage.prometheus.latency-threshold-seconds", latencyThresholdSeconds, 0, 3600);
    Limits.between(
        "backstop.triage.prometheus.cpu-saturation-threshold", cpuSaturationThreshold, 0, 100);
    Limits.between("backstop.triage.prometheus.memory-growth-factor", memoryGrowthFactor, 1, 100);
    Limits.between("backstop.triage.prometheus.memory-limit-threshold", memoryLimitThreshold, 0, 1);
    if (noDataWait == null || noDataWait.isNegative() || noDataWait.compareTo(timeout) > 0) {
      throw new IllegalArgumentException(
          "backstop.triage.prometheus.no-data-wait must be between 0s and the timeout "
              + timeout
              + ", but was "
              + noDataWait);
    }
    queries = queries == null || queries.isEmpty() ? defaultQueries() : Map.copyOf(queries);
    if (ErrorCodes.parse(errorCodes == null ? "auto" : errorCodes).isEmpty()) {
      throw new IllegalArgumentException(
          "backstop.triage.prometheus.error-codes must be 'auto' or a list such as '5xx, 409',"
              + " but was '"
              + errorCodes
              + "'");
    }
    errorCodes = errorCodes == null ? "auto" : errorCodes;
    Limits.between("backstop.triage.prometheus.near-zero", nearZero, 0, 0.5);
    namespaceQueries =
        namespaceQueries == null || namespaceQueries.isEmpty()
            ? defaultNamespaceQueries()
            : Map.copyOf(namespaceQueries);
    windowPeakQuery = windowPeakQuery == null ? DEFAULT_WINDOW_PEAK : windowPeakQuery;
    windowCoverageQuery =
        windowCoverageQuery == null ? DEFAULT_WINDOW_COVERAGE : windowCoverageQuery;
    memoryTrendStep = memoryTrendStep == null ? step : memoryTrendStep;
    Limits.positive("backstop.triage.prometheus.memory-trend-step", memoryTrendStep);
    if (range.dividedBy(memoryTrendStep) > MAX_POINTS || range.dividedBy(step) > MAX_POINTS) {
      throw new IllegalArgumentException(
          "backstop.triage.prometheus.range "
              + range
              + " over the step "
              + step
              + " or memory-trend-step "
              + memoryTrendStep
              + " is more than the "
              + MAX_POINTS
              + " points Prometheus returns for one series");
    }
  }

  /** The error codes configured for every workload without its own annotation. */
  public ErrorCodes defaultErrorCodes() {
    return ErrorCodes.parse(errorCodes).orElse(ErrorCodes.AUTO);
  }

  private static final String REQUESTS =
      "http_requests_total{namespace=\"{namespace}\",deployment=\"{workload}\"";

  /**
   * The peak of the error signal over the {@code {window}} before the evaluation time, for the
   * codes {@code {codes}} (a regular expression), by subquery at one-minute resolution.
   */
  static final String DEFAULT_WINDOW_PEAK =
      "max_over_time(((sum(irate("
          + REQUESTS
          + ",code=~\"{codes}\"}[1m])) or vector(0)) / sum(irate("
          + REQUESTS
          + "}[1m])))[{window}:1m])";

  /** How many minutes of the window had request data at all. */
  static final String DEFAULT_WINDOW_COVERAGE =
      "count_over_time(sum(irate(" + REQUESTS + "}[1m]))[{window}:1m])";

  public boolean configured() {
    return url != null;
  }

  public static PrometheusSettings unconfigured() {
    return at(null);
  }

  public static PrometheusSettings at(URI url) {
    return new PrometheusSettings(
        url,
        Duration.ofSeconds(3),
        Duration.ofHours(1),
        Duration.ofSeconds(30),
        null,
        0.05,
        1.0,
        0.9,
        1.5,
        0.9,
        Duration.ZERO,
        "auto",
        0.01,
        null,
        null,
        null,
        null);
  }

  /**
   * The queries read once for the whole namespace, each grouped {@code by (deployment)}, to find
   * the workloads whose own signals are anomalous in the same window at a cost that does not grow
   * with the namespace.
   */
  static Map<String, String> defaultNamespaceQueries() {
    Map<String, String> q = new LinkedHashMap<>();
    String ns = "namespace=\"{namespace}\"";
    String containers = ns + ",container!=\"\"";
    q.put(
        REQUESTS_BY_CODE, "sum by (deployment, code) (irate(http_requests_total{" + ns + "}[1m]))");
    q.put(MEMORY, "sum by (deployment) (container_memory_working_set_bytes{" + containers + "})");
    // group_left keeps the working set's own labels (deployment among them): a one-to-one match
    // on (namespace, pod, container) would keep only those three, and no neighbour would get a
    // reading (NamespaceQueriesPromqlTest evaluates these with Prometheus's own engine)
    q.put(
        MEMORY_RATIO,
        "max by (deployment) (container_memory_working_set_bytes{"
            + containers
            + "} / on (namespace, pod, container) group_left () (container_spec_memory_limit_bytes{"
            + containers
            + "} > 0))");
    q.put(
        MEMORY_BY_POD,
        "max by (deployment, pod) (container_memory_working_set_bytes{"
            + containers
            + "} / on (namespace, pod, container) group_left () (container_spec_memory_limit_bytes{"
            + containers
            + "} > 0))");
    return q;
  }

  static Map<String, String> defaultQueries() {
    Map<String, String> q = new LinkedHashMap<>();
    String of = "namespace=\"{namespace}\",deployment=\"{workload}\"";
    String containers = of + ",container!=\"\"";
    q.put(REQUESTS_BY_CODE, "sum by (code) (irate(http_requests_total{" + of + "}[1m]))");
    q.put(
        ERROR_RATIO,
        "(sum(irate(http_requests_total{"
            + of
            + ",code=~\"5..\"}[1m])) or vector(0))"
            + " / sum(irate(http_requests_total{"
            + of
            + "}[1m]))");
    q.put(
        LATENCY_P99,
        "histogram_quantile(0.99, sum by (le) (irate(http_request_duration_seconds_bucket{"
            + of
            + "}[1m])))");
    q.put(RESTARTS, "sum(increase(kube_pod_container_status_restarts_total{" + of + "}[15m]))");
    q.put(MEMORY, "sum(container_memory_working_set_bytes{" + containers + "})");
    q.put(
        MEMORY_RATIO,
        "max(container_memory_working_set_bytes{"
            + containers
            + "} / on (namespace, pod, container) (container_spec_memory_limit_bytes{"
            + containers
            + "} > 0))");
    q.put(
        MEMORY_BY_POD,
        "max by (pod) (container_memory_working_set_bytes{"
            + containers
            + "} / on (namespace, pod, container) (container_spec_memory_limit_bytes{"
            + containers
            + "} > 0))");
    q.put(
        OOM_KILLED,
        "sum(kube_pod_container_status_last_terminated_reason{" + of + ",reason=\"OOMKilled\"})");
    q.put(
        CPU,
        "sum(irate(container_cpu_usage_seconds_total{"
            + containers
            + "}[1m])) / sum(kube_pod_container_resource_limits{"
            + of
            + ",resource=\"cpu\"})");
    return q;
  }
}
