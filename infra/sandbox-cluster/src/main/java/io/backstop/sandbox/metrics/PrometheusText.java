package io.backstop.sandbox.metrics;

import io.backstop.sandbox.metrics.MetricsView.DeploymentSeries;
import io.backstop.sandbox.metrics.MetricsView.PodSeries;
import io.backstop.sandbox.workload.DeploymentTraffic;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Prometheus text exposition (format 0.0.4) of the sandbox's workload signals, under the names
 * the alert rules use: request counters by code, a latency histogram, container restarts, memory
 * working set and limit, CPU seconds, and available replicas.
 */
public final class PrometheusText {

  private PrometheusText() {}

  public static String render(MetricsView view) {
    StringBuilder out = new StringBuilder();
    header(out, "http_requests_total", "counter", "HTTP requests served, by status code.");
    for (DeploymentSeries d : view.deployments()) {
      for (var code : new TreeMap<>(d.traffic().requestsByCode()).entrySet()) {
        sample(out, "http_requests_total", labels(d, "code", code.getKey()), code.getValue());
      }
    }
    header(out, "http_request_duration_seconds", "histogram", "HTTP request latency.");
    for (DeploymentSeries d : view.deployments()) {
      histogram(out, d);
    }
    header(out, "kube_deployment_status_replicas_available", "gauge", "Available replicas.");
    for (DeploymentSeries d : view.deployments()) {
      sample(out, "kube_deployment_status_replicas_available", labels(d), d.available());
    }
    podFamily(
        out, view, "kube_pod_container_status_restarts_total", "counter", "Container restarts.");
    podFamily(out, view, "container_memory_working_set_bytes", "gauge", "Memory working set.");
    podFamily(out, view, "container_spec_memory_limit_bytes", "gauge", "Memory limit.");
    podFamily(out, view, "container_cpu_usage_seconds_total", "counter", "CPU time consumed.");
    limits(out, view);
    reasons(out, view);
    return out.toString();
  }

  private static void histogram(StringBuilder out, DeploymentSeries d) {
    DeploymentTraffic.Snapshot t = d.traffic();
    for (int i = 0; i < DeploymentTraffic.BUCKETS.length; i++) {
      sample(
          out,
          "http_request_duration_seconds_bucket",
          labels(d, "le", number(DeploymentTraffic.BUCKETS[i])),
          t.bucketCounts()[i]);
    }
    sample(out, "http_request_duration_seconds_bucket", labels(d, "le", "+Inf"), t.count());
    sample(out, "http_request_duration_seconds_sum", labels(d), t.sum());
    sample(out, "http_request_duration_seconds_count", labels(d), t.count());
  }

  private static void podFamily(
      StringBuilder out, MetricsView view, String name, String type, String help) {
    header(out, name, type, help);
    for (PodSeries p : view.pods()) {
      double value =
          switch (name) {
            case "kube_pod_container_status_restarts_total" -> p.restarts();
            case "container_memory_working_set_bytes" -> p.memoryBytes();
            case "container_spec_memory_limit_bytes" -> p.memoryLimitBytes();
            default -> p.cpuSeconds();
          };
      sample(out, name, podLabels(p), value);
    }
  }

  /** kube-state-metrics' container limits: CPU in cores, memory in bytes. */
  private static void limits(StringBuilder out, MetricsView view) {
    header(out, "kube_pod_container_resource_limits", "gauge", "Container resource limits.");
    for (PodSeries p : view.pods()) {
      Map<String, String> cpu = podLabels(p);
      cpu.put("resource", "cpu");
      cpu.put("unit", "core");
      sample(out, "kube_pod_container_resource_limits", cpu, p.cpuLimitCores());
      Map<String, String> memory = podLabels(p);
      memory.put("resource", "memory");
      memory.put("unit", "byte");
      sample(out, "kube_pod_container_resource_limits", memory, p.memoryLimitBytes());
    }
  }

  /** kube-state-metrics' reason series, for the containers that have a reason right now. */
  private static void reasons(StringBuilder out, MetricsView view) {
    header(out, "kube_pod_container_status_waiting_reason", "gauge", "Why a container waits.");
    for (PodSeries p : view.pods()) {
      if (p.waitingReason() != null) {
        Map<String, String> labels = podLabels(p);
        labels.put("reason", p.waitingReason());
        sample(out, "kube_pod_container_status_waiting_reason", labels, 1);
      }
    }
    header(
        out,
        "kube_pod_container_status_last_terminated_reason",
        "gauge",
        "Why a container last terminated.");
    for (PodSeries p : view.pods()) {
      if (p.lastTerminatedReason() != null) {
        Map<String, String> labels = podLabels(p);
        labels.put("reason", p.lastTerminatedReason());
        sample(out, "kube_pod_container_status_last_terminated_reason", labels, 1);
      }
    }
  }

  private static Map<String, String> podLabels(PodSeries p) {
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    labels.put("namespace", p.namespace());
    labels.put("deployment", p.deployment());
    labels.put("pod", p.pod());
    labels.put("container", p.container());
    return labels;
  }

  private static Map<String, String> labels(DeploymentSeries d, String... extra) {
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    labels.put("namespace", d.namespace());
    labels.put("deployment", d.deployment());
    for (int i = 0; i < extra.length; i += 2) {
      labels.put(extra[i], extra[i + 1]);
    }
    return labels;
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(
      StringBuilder out, String name, Map<String, String> labels, double value) {
    out.append(name).append('{');
    boolean first = true;
    for (var label : labels.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
    }
    out.append("} ").append(number(value)).append('\n');
  }

  private static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return java.math.BigDecimal.valueOf(value)
        .setScale(6, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
