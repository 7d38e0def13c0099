package io.backstop.sandbox.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.sandbox.workload.DeploymentTraffic;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void rendersEveryFamilyWithTypesAndLabels() {
    var traffic = new DeploymentTraffic();
    traffic.advance(new DeploymentTraffic.TrafficTarget(0.5, 0.2, 10, "503"), 1, 5);
    var view =
        new MetricsView(
            List.of(new MetricsView.DeploymentSeries("shop", "checkout", traffic.snapshot(), 2)),
            List.of(
                new MetricsView.PodSeries(
                    "shop",
                    "checkout",
                    "checkout-abc",
                    "app",
                    3,
                    1024,
                    2048,
                    0.5,
                    1.5,
                    "CrashLoopBackOff",
                    "Error")));

    String text = PrometheusText.render(view);

    assertThat(text)
        .contains("# TYPE http_requests_total counter")
        .contains(
            "http_requests_total{namespace=\"shop\",deployment=\"checkout\",code=\"503\"} 5\n")
        .contains(
            "http_request_duration_seconds_bucket{namespace=\"shop\",deployment=\"checkout\",le=\"0.005\"}")
        .contains(
            "http_request_duration_seconds_bucket{namespace=\"shop\",deployment=\"checkout\",le=\"+Inf\"} 10\n")
        .contains(
            "http_request_duration_seconds_count{namespace=\"shop\",deployment=\"checkout\"} 10\n")
        .contains(
            "kube_deployment_status_replicas_available{namespace=\"shop\",deployment=\"checkout\"} 2\n")
        .contains(
            "kube_pod_container_status_restarts_total{namespace=\"shop\",deployment=\"checkout\",pod=\"checkout-abc\",container=\"app\"} 3\n")
        .contains(
            "container_memory_working_set_bytes{namespace=\"shop\",deployment=\"checkout\",pod=\"checkout-abc\",container=\"app\"} 1024\n")
        .contains(
            "container_spec_memory_limit_bytes{namespace=\"shop\",deployment=\"checkout\",pod=\"checkout-abc\",container=\"app\"} 2048\n")
        .contains(
            "container_cpu_usage_seconds_total{namespace=\"shop\",deployment=\"checkout\",pod=\"checkout-abc\",container=\"app\"} 1.5\n")
        .contains(
            "kube_pod_container_resource_limits{namespace=\"shop\",deployment=\"checkout\",pod=\"checkout-abc\",container=\"app\",resource=\"cpu\",unit=\"core\"} 0.5\n")
        .contains(
            "kube_pod_container_resource_limits{namespace=\"shop\",deployment=\"checkout\",pod=\"checkout-abc\",container=\"app\",resource=\"memory\",unit=\"byte\"} 2048\n")
        .contains(
            "kube_pod_container_status_waiting_reason{namespace=\"shop\",deployment=\"checkout\",pod=\"checkout-abc\",container=\"app\",reason=\"CrashLoopBackOff\"} 1\n")
        .contains(
            "kube_pod_container_status_last_terminated_reason{namespace=\"shop\",deployment=\"checkout\",pod=\"checkout-abc\",container=\"app\",reason=\"Error\"} 1\n");
  }
}
