package io.backstop.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Signals;
import io.backstop.executor.apiserver.SandboxApi;
import io.backstop.executor.fixtures.Approvals;
import io.backstop.executor.fixtures.ShopApi;
import io.backstop.executor.live.LiveDeployment;
import io.backstop.executor.live.RevisionTemplate;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KubernetesLiveStateIntegrationTest {

  static SandboxApi api;
  static KubernetesClient client;
  static KubernetesLiveState reader;

  @BeforeAll
  static void start() {
    api = ShopApi.start();
    client = api.client(SandboxApi.WRITE_TOKEN);
    reader = new KubernetesLiveState(client);
  }

  @AfterAll
  static void stop() {
    client.close();
    api.close();
  }

  @Test
  void readsTheCurrentRevisionShaImageAndProtectionOfADeployment() {
    LiveDeployment checkout = reader.deployment(Signals.CHECKOUT).orElseThrow();

    assertThat(checkout.revision()).isEqualTo(3);
    assertThat(checkout.sha()).isEqualTo(Signals.SHA_REV3);
    assertThat(checkout.image()).isEqualTo(Approvals.IMAGE_REV3);
    assertThat(checkout.desiredReplicas()).isEqualTo(3);
    assertThat(checkout.labelledProtected()).isFalse();
    assertThat(
            reader
                .deployment(io.backstop.events.signal.WorkloadRef.deployment("shop", "prod-db"))
                .orElseThrow()
                .labelledProtected())
        .isTrue();
  }

  @Test
  void findsTheTemplateOfAnEarlierRevisionInTheDeploymentsOwnReplicaSet() {
    RevisionTemplate rev2 = reader.revision(Signals.CHECKOUT, 2).orElseThrow();

    assertThat(rev2.sha()).isEqualTo(Signals.SHA_REV2);
    assertThat(rev2.image()).isEqualTo(Approvals.IMAGE_REV2);
    assertThat(
            rev2.podTemplate()
                .path("metadata")
                .path("labels")
                .path("pod-template-hash")
                .isMissingNode())
        .isFalse();
    assertThat(rev2.templateHash())
        .as("the ReplicaSet's own pod-template-hash label names the revision")
        .isNotBlank();
    assertThat(reader.revision(Signals.CHECKOUT, 9)).isEmpty();
  }

  @Test
  void reportsThePodsOfTheCurrentRevisionWithTheirCrashLoops() {
    var pods = reader.currentPods(Signals.CHECKOUT);

    assertThat(pods).hasSize(3);
    assertThat(pods).allMatch(p -> p.crashLooping() && !p.ready());
  }
}
