package io.backstop.triage.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.SignalsGathered;
import io.backstop.events.signal.DeploymentStrategy;
import io.backstop.events.signal.GitOpsOwner;
import io.backstop.events.signal.OperatorOwner;
import io.backstop.events.signal.VolumeClaim;
import io.backstop.events.signal.Workload;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.kubernetes.OwnershipCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Through the real read-only adapter from the fabric8 mock server: the GitOps controller that owns
 * a workload (from its metadata), its rollout strategy, the hold its owners declared (its reason
 * redacted), the operator whose custom resource controls it (its controller ownerReference) and the
 * revisions whose pod template runs a schema migration (an init container running Flyway) reach
 * SignalsGathered.
 */
@EnableKubernetesMockClient(crud = true)
class OwnershipGatheringTest {

  static final WorkloadRef BILLING = WorkloadRef.deployment("shop", "billing");

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void cluster() {
    OwnershipCluster.write(server, client);
  }

  SignalsGathered gather() {
    return Gatherings.from(client).gather(BeyondTheAlertTest.alertOn("billing"));
  }

  @Test
  void recordsTheArgoCdApplicationThatOwnsTheWorkload() {
    Workload billing =
        gather().inventory().stream()
            .filter(w -> w.ref().equals(BILLING))
            .findFirst()
            .orElseThrow();

    assertThat(billing.gitOps().controller()).isEqualTo(GitOpsOwner.ARGO_CD);
    assertThat(billing.gitOps().application()).isEqualTo("shop-billing");
  }

  @Test
  void recordsTheRecreateStrategyOfTheDeployment() {
    Workload billing =
        gather().inventory().stream()
            .filter(w -> w.ref().equals(BILLING))
            .findFirst()
            .orElseThrow();

    assertThat(billing.strategy()).isEqualTo(DeploymentStrategy.RECREATE);
    assertThat(billing.recreates()).isTrue();
  }

  @Test
  void recordsTheHoldItsOwnersDeclaredWithTheReasonRedacted() {
    Workload billing =
        gather().inventory().stream()
            .filter(w -> w.ref().equals(BILLING))
            .findFirst()
            .orElseThrow();

    assertThat(billing.hold().source()).isEqualTo("annotation backstop.io/hold");
    assertThat(billing.hold().reason())
        .startsWith("CHG-3310 ledger migration until 10:30 UTC")
        .contains("[REDACTED:")
        .doesNotContain("Xq9vTr4mLp2wZs7k");
  }

  @Test
  void recordsTheOperatorWhoseCustomResourceControlsTheDeployment() {
    SignalsGathered signals = gather();

    assertThat(workload(signals, "connect").operator())
        .isEqualTo(
            new OperatorOwner(
                "kafka.strimzi.io/v1beta2", "KafkaConnect", "connect", "strimzi-cluster-operator"));
    assertThat(workload(signals, "web").operatorOwned())
        .as("Helm's managed-by label without a controlling custom resource is no operator")
        .isFalse();
    assertThat(workload(signals, "billing").operator()).isNull();
  }

  @Test
  void recordsTheAccessModesOfTheClaimsThePodTemplateMounts() {
    assertThat(workload(gather(), "order-worker").claims())
        .containsExactly(
            new VolumeClaim("order-spool", List.of("ReadWriteOncePod")),
            new VolumeClaim("order-cache", List.of("ReadWriteOnce")),
            new VolumeClaim("order-archive", List.of()));
    assertThat(workload(gather(), "web").claims()).isEmpty();
  }

  private static Workload workload(SignalsGathered signals, String name) {
    return signals.inventory().stream()
        .filter(w -> w.ref().equals(WorkloadRef.deployment("shop", name)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void recordsTheRevisionWhoseInitContainerRunsAMigration() {
    var history = gather().rollout(BILLING).orElseThrow();

    assertThat(history.revision(2).orElseThrow().schemaMigration())
        .isEqualTo("init container db-migrate: flyway");
    assertThat(history.revision(1).orElseThrow().runsSchemaMigration()).isFalse();
  }
}
