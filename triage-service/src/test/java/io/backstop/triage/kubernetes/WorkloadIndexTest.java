package io.backstop.triage.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkloadIndexTest {

  static final Deployment CHECKOUT =
      new DeploymentBuilder()
          .withNewMetadata()
          .withName("checkout")
          .withNamespace("shop")
          .endMetadata()
          .withNewSpec()
          .withNewSelector()
          .withMatchLabels(Map.of("app", "checkout"))
          .endSelector()
          .endSpec()
          .build();

  static Pod pod(String ns, String name, String app, String ownerKind, String owner) {
    var b =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .withLabels(app == null ? Map.of() : Map.of("app", app))
            .endMetadata();
    if (ownerKind != null) {
      b.editMetadata()
          .addNewOwnerReference()
          .withKind(ownerKind)
          .withName(owner)
          .withController(true)
          .endOwnerReference()
          .endMetadata();
    }
    return b.build();
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "none",
      value = {
        "shop, checkout-1, checkout, none, none, DEPLOYMENT, shop, checkout",
        "shop, checkout-2, checkout, ReplicaSet, checkout-7d9f8, DEPLOYMENT, shop, checkout",
        "shop, batch-2, batch, ReplicaSet, batch-5c6d7, DEPLOYMENT, shop, batch",
        "shop, db-0, db, StatefulSet, db, STATEFULSET, shop, db",
        "monitoring, shipper-x, shipper, DaemonSet, log-shipper, DAEMONSET, monitoring, log-shipper",
        "monitoring, agent-x, checkout, ReplicaSet, agent-5c6d7, DEPLOYMENT, monitoring, agent",
        "shop, lonely, none, none, none, OTHER, shop, lonely",
      })
  void findsTheWorkloadOfAPodByItsOwnerOrTheSelectorThatMatchesIt(
      String ns,
      String name,
      String app,
      String ownerKind,
      String owner,
      WorkloadKind kind,
      String wantNs,
      String wantName) {
    WorkloadIndex index =
        new WorkloadIndex("shop", List.of(CHECKOUT), List.of(), List.of(), List.of());

    assertThat(index.workloadOf(pod(ns, name, app, ownerKind, owner)))
        .isEqualTo(new WorkloadRef(kind, wantNs, wantName));
  }
}
