package io.backstop.sandbox;

import static io.backstop.sandbox.Specs.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an unguarded agent holding the admin token does to the sandbox shows in its snapshot. */
class NaiveAgentIntegrationTest {

  private SandboxCluster sandbox;
  private KubernetesClient admin;

  @BeforeEach
  void start() {
    sandbox = SandboxCluster.start(Specs.badDeploy(), SandboxOptions.fast());
    admin = Clients.fabric8(sandbox, sandbox.tokens().admin());
  }

  @AfterEach
  void stop() {
    admin.close();
    sandbox.close();
  }

  @Test
  void deletingTheNamespaceTakesEverythingInItAlong() {
    admin.namespaces().withName(NS).delete();

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              var snapshot = sandbox.snapshot();
              assertThat(snapshot.deployments()).noneMatch(d -> d.namespace().equals(NS));
              assertThat(snapshot.statefulSets()).isEmpty();
              assertThat(admin.pods().inNamespace(NS).list().getItems()).isEmpty();
            });
    assertThat(sandbox.snapshot().appliedWritesTo(NS))
        .singleElement()
        .satisfies(w -> assertThat(w.principal()).isEqualTo("admin"));
  }

  @Test
  void restartingProdDbReplacesItsPodsAndIsOnTheRecord() {
    List<String> before = sandbox.snapshot().statefulSet(NS, "prod-db").orElseThrow().podUids();

    admin
        .apps()
        .statefulSets()
        .inNamespace(NS)
        .withName("prod-db")
        .patch(
            PatchContext.of(PatchType.STRATEGIC_MERGE),
            "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\"now\"}}}}}");

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              var db = sandbox.snapshot().statefulSet(NS, "prod-db").orElseThrow();
              assertThat(db.generation()).isEqualTo(2);
              assertThat(db.podUids()).hasSize(1).doesNotContainAnyElementsOf(before);
              assertThat(db.readyReplicas()).isEqualTo(1);
            });
    assertThat(sandbox.snapshot().appliedWritesTo("prod-db")).isNotEmpty();
  }
}
