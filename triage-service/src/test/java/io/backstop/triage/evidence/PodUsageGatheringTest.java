package io.backstop.triage.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.SignalsGathered;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.signal.Evidence;
import io.backstop.events.signal.EvidenceKind;
import io.backstop.events.signal.Symptom;
import io.backstop.events.signal.SymptomKind;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsList;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pod usage from {@code metrics.k8s.io}, read through the read-only facade from the fabric8 mock
 * server, compared with the limits in the pods' spec: checkout runs 3 pods limited to 2 cores and
 * 1Gi each, and no Prometheus is configured.
 */
@EnableKubernetesMockClient(crud = true)
class PodUsageGatheringTest {

  static final String METRICS = "/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods";
  static final List<String> PODS = List.of("checkout-6d9-a", "checkout-6d9-b", "checkout-6d9-c");

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void cluster() {
    client
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("checkout")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .withNewSelector()
                .withMatchLabels(Map.of("app", "checkout"))
                .endSelector()
                .endSpec()
                .build())
        .create();
    PODS.forEach(name -> client.resource(pod(name)).create());
  }

  static Pod pod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("shop")
        .withLabels(Map.of("app", "checkout"))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("checkout")
        .withImage("registry.local/shop/checkout:v8")
        .withNewResources()
        .withLimits(Map.of("cpu", new Quantity("2"), "memory", new Quantity("1Gi")))
        .endResources()
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addNewContainerStatus()
        .withName("checkout")
        .withReady(true)
        .withRestartCount(0)
        .endContainerStatus()
        .endStatus()
        .build();
  }

  static PodMetricsList usage(String cpu, String memory) {
    var list = new PodMetricsListBuilder();
    for (String name : PODS) {
      list.addToItems(
          new PodMetricsBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace("shop")
              .endMetadata()
              .addNewContainer()
              .withName("checkout")
              .withUsage(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory)))
              .endContainer()
              .build());
    }
    return list.build();
  }

  SignalsGathered gather() {
    return Gatherings.from(client).gather(Alerts.checkoutErrorRate());
  }

  static Optional<Symptom> symptom(SignalsGathered signals, SymptomKind kind) {
    return signals.symptoms().stream().filter(s -> s.kind() == kind).findFirst();
  }

  static List<Evidence> usageEvidence(SignalsGathered signals) {
    return signals.evidence().stream().filter(e -> e.source().equals("metrics.k8s.io")).toList();
  }

  @Test
  void recognisesSaturationFromTheMetricsApiWithoutPrometheus() {
    server.expect().get().withPath(METRICS).andReturn(200, usage("1920m", "300Mi")).always();

    SignalsGathered signals = gather();

    Symptom saturation = symptom(signals, SymptomKind.SATURATION).orElseThrow();
    assertThat(saturation.detail())
        .startsWith("CPU 96% of its limit across 3 pods (threshold 90%), latency not read");
    assertThat(saturation.evidence())
        .extracting(id -> signals.evidence(id).orElseThrow().kind())
        .containsOnly(EvidenceKind.METRIC);
    assertThat(usageEvidence(signals))
        .hasSize(3)
        .first()
        .extracting(Evidence::text)
        .asString()
        .contains("cpu 1.920 cores of limit 2.000 (96%)")
        .contains("memory 314572800 bytes of limit 1073741824 (29%)");
    assertThat(symptom(signals, SymptomKind.MEMORY_GROWTH)).isEmpty();
  }

  @Test
  void recordsPodsNearTheirMemoryLimitButNoMemoryGrowthFromOneReading() {
    // a pod at its limit now is what a leak and an OOM at start both look like: growth needs the
    // working set's climb over time (Prometheus), never one reading of the metrics API
    server.expect().get().withPath(METRICS).andReturn(200, usage("300m", "980Mi")).always();

    SignalsGathered signals = gather();

    assertThat(usageEvidence(signals))
        .hasSize(3)
        .first()
        .extracting(Evidence::text)
        .asString()
        .contains("memory 1027604480 bytes of limit 1073741824 (96%)");
    assertThat(symptom(signals, SymptomKind.MEMORY_GROWTH)).isEmpty();
    assertThat(symptom(signals, SymptomKind.SATURATION)).isEmpty();
  }

  @Test
  void recordsNoResourceSymptomWhenUsageIsWellWithinTheLimits() {
    server.expect().get().withPath(METRICS).andReturn(200, usage("500m", "400Mi")).always();

    SignalsGathered signals = gather();

    assertThat(usageEvidence(signals)).hasSize(3);
    assertThat(signals.symptoms())
        .extracting(Symptom::kind)
        .doesNotContain(SymptomKind.SATURATION, SymptomKind.MEMORY_GROWTH);
  }

  @Test
  void listsAMissingMetricsApiAsAMissingSourceAndInventsNoUsage() {
    server.expect().get().withPath(METRICS).andReturn(404, "the server could not find it").always();

    SignalsGathered signals = gather();

    assertThat(signals.missingSources()).anyMatch(s -> s.startsWith("kubernetes.pod-metrics"));
    assertThat(usageEvidence(signals)).isEmpty();
    assertThat(signals.symptoms())
        .extracting(Symptom::kind)
        .doesNotContain(SymptomKind.SATURATION, SymptomKind.MEMORY_GROWTH);
  }
}
