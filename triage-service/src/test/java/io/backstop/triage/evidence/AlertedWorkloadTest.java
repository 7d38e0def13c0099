package io.backstop.triage.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertedWorkloadTest {

  @ParameterizedTest(name = "{0}={1} -> {2} {3}")
  @CsvSource({
    "deployment, checkout, DEPLOYMENT, checkout",
    "statefulset, orders-db, STATEFULSET, orders-db",
    "pod, checkout-7d9f8c6b5-x2k4q, DEPLOYMENT, checkout",
    "pod, orders-db-0, STATEFULSET, orders-db",
    "workload, cart, DEPLOYMENT, cart",
    "app, cart, DEPLOYMENT, cart",
    "service, cart, DEPLOYMENT, cart",
    "job, nightly, DEPLOYMENT, nightly"
  })
  void namesTheWorkloadFromTheFirstLabelThatSaysWhichOneItIs(
      String label, String value, WorkloadKind kind, String name) {
    assertThat(AlertedWorkload.of(Map.of("namespace", "shop", label, value)))
        .contains(new WorkloadRef(kind, "shop", name));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"deployment", "app"})
  void namesNoWorkloadWithoutANamespace(String label) {
    assertThat(AlertedWorkload.of(Map.of(label, "checkout"))).isEmpty();
  }

  @ParameterizedTest(name = "deployment beats {0}")
  @CsvSource({"statefulset", "pod", "app"})
  void aDeploymentLabelWinsOverTheOthers(String other) {
    Map<String, String> labels = new HashMap<>(Map.of("namespace", "shop", "deployment", "web"));
    labels.put(other, "orders-db-0");

    assertThat(AlertedWorkload.of(labels))
        .contains(new WorkloadRef(WorkloadKind.DEPLOYMENT, "shop", "web"));
  }
}
