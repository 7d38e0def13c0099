package io.backstop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.workload.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A metrics scrape, served on the API's one event loop, does not wait out a reconcile step that
 * holds the store: it uses the Deployments it read a moment ago, and waits only when those are
 * older than {@link SandboxSimulation#STALE_AFTER}.
 */
class ScrapeWhileReconcilingTest {

  private final ClusterStore store =
      new ClusterStore(new KubernetesCrudDispatcher(), new KubernetesSerialization());
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-05T12:00:00Z"));
  private final SandboxSimulation simulation =
      new SandboxSimulation(store, new WorkloadSimulator(SandboxOptions.fast().timing()), clock);
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void oneDeployment() {
    store.create(
        new DeploymentBuilder()
            .withNewMetadata()
            .withNamespace("shop")
            .withName("checkout")
            .endMetadata()
            .withNewSpec()
            .withReplicas(1)
            .endSpec()
            .build());
  }

  @AfterEach
  void letGo() {
    release.countDown();
    threads.shutdownNow();
  }

  @Test
  void theStoreIsTakenOnlyWhenNobodyHoldsIt() throws Exception {
    assertThat(store.ifFree(() -> "read")).contains("read");

    holdTheStore();

    assertThat(threads.submit(() -> store.ifFree(() -> "read")).get(10, TimeUnit.SECONDS))
        .isEqualTo(Optional.empty());
  }

  @Test
  void aScrapeDuringAReconcileStepUsesTheDeploymentsItJustReadInsteadOfWaiting() throws Exception {
    String before = simulation.prometheus();
    holdTheStore();
    clock.advance(Duration.ofSeconds(1));

    String during = threads.submit(simulation::prometheus).get(10, TimeUnit.SECONDS);

    assertThat(during).isEqualTo(before);
  }

  @Test
  void aScrapeWaitsForTheStoreOnceWhatItReadIsStale() throws Exception {
    simulation.prometheus();
    holdTheStore();
    clock.advance(SandboxSimulation.STALE_AFTER.plusMillis(1));

    CompletableFuture<String> scrape =
        CompletableFuture.supplyAsync(simulation::prometheus, threads);
    Thread.sleep(200);
    assertThat(scrape).as("waits for the reconcile step to let go").isNotDone();

    release.countDown();
    assertThat(scrape.get(10, TimeUnit.SECONDS)).isNotNull();
  }

  /** Another thread takes the store lock and keeps it until the test lets go. */
  private void holdTheStore() throws InterruptedException {
    CountDownLatch held = new CountDownLatch(1);
    threads.submit(
        () ->
            store.atomically(
                () -> {
                  held.countDown();
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
  }

  private static final class SteppedClock extends Clock {
    private volatile Instant now;

    SteppedClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
