package io.backstop.triage.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.EventPublisher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.KafkaException;

/**
 * Group commit of webhook deliveries, with a publisher that records each transaction: deliveries
 * that wait while a transaction is under way share the next one, each gets back exactly its own
 * alerts, and a failed transaction fails every delivery in it. Ordered by latches, never by time.
 */
class GroupCommitTest {

  /** Each forwardAll is one transaction; the first one waits until released. */
  static final class Transactions implements EventPublisher {
    final List<List<String>> committed = new CopyOnWriteArrayList<>();
    final CountDownLatch firstStarted = new CountDownLatch(1);
    final CountDownLatch releaseFirst = new CountDownLatch(1);
    volatile String failOn;

    @Override
    public <T extends IncidentEvent> List<T> forwardAll(List<T> events) {
      if (committed.isEmpty() && firstStarted.getCount() == 1) {
        firstStarted.countDown();
        await(releaseFirst);
      }
      List<String> names = events.stream().map(e -> ((AlertReceived) e).fingerprint()).toList();
      if (failOn != null && names.contains(failOn)) {
        throw new KafkaException("broker unavailable");
      }
      committed.add(names);
      return events.stream().map(EventCodec::seal).toList();
    }

    @Override
    public <T extends IncidentEvent> T publish(T event) {
      throw new AssertionError("the intake only forwards");
    }

    @Override
    public <T extends IncidentEvent> T record(T event) {
      throw new AssertionError("the intake only forwards");
    }

    @Override
    public <T extends IncidentEvent> T forward(T event) {
      throw new AssertionError("the intake forwards whole deliveries");
    }
  }

  @Test
  void deliveriesWaitingForACommitShareTheNextTransactionAndEachGetsItsOwnAlerts()
      throws Exception {
    Transactions kafka = new Transactions();
    try (GroupCommit commits = new GroupCommit(kafka, 100, Duration.ofMinutes(1))) {
      var first = CompletableFuture.supplyAsync(() -> commits.forward(delivery("a1")));
      assertThat(kafka.firstStarted.await(1, TimeUnit.MINUTES)).isTrue();
      var second = CompletableFuture.supplyAsync(() -> commits.forward(delivery("b1", "b2")));
      var third = CompletableFuture.supplyAsync(() -> commits.forward(delivery("c1")));
      awaitWaiting(commits, 2);
      kafka.releaseFirst.countDown();

      assertThat(fingerprints(first.get(1, TimeUnit.MINUTES))).containsExactly("a1");
      assertThat(fingerprints(second.get(1, TimeUnit.MINUTES))).containsExactly("b1", "b2");
      assertThat(fingerprints(third.get(1, TimeUnit.MINUTES))).containsExactly("c1");
      assertThat(second.get()).allMatch(EventCodec::intact);
    }
    assertThat(kafka.committed).hasSize(2);
    assertThat(kafka.committed.get(0)).containsExactly("a1");
    assertThat(kafka.committed.get(1)).containsExactlyInAnyOrder("b1", "b2", "c1");
  }

  @Test
  void aFailedTransactionFailsEveryDeliveryInItAndTheNextGroupGoesOn() throws Exception {
    Transactions kafka = new Transactions();
    kafka.failOn = "bad";
    try (GroupCommit commits = new GroupCommit(kafka, 100, Duration.ofMinutes(1))) {
      var first = CompletableFuture.supplyAsync(() -> commits.forward(delivery("a1")));
      assertThat(kafka.firstStarted.await(1, TimeUnit.MINUTES)).isTrue();
      var failing = CompletableFuture.supplyAsync(() -> commits.forward(delivery("bad")));
      var sharing = CompletableFuture.supplyAsync(() -> commits.forward(delivery("c1")));
      awaitWaiting(commits, 2);
      kafka.releaseFirst.countDown();

      assertThat(fingerprints(first.get(1, TimeUnit.MINUTES))).containsExactly("a1");
      assertThatThrownBy(() -> failing.join()).hasRootCauseInstanceOf(KafkaException.class);
      assertThatThrownBy(() -> sharing.join())
          .as("its transaction was the failed one: not acknowledged, the sender retries")
          .hasRootCauseInstanceOf(KafkaException.class);
      assertThat(fingerprints(commits.forward(delivery("d1")))).containsExactly("d1");
    }
    assertThat(kafka.committed).extracting(List::size).containsExactly(1, 1);
  }

  @Test
  void aGroupNeverExceedsItsSizeButADeliveryLargerThanThatStillGoesWhole() throws Exception {
    Transactions kafka = new Transactions();
    try (GroupCommit commits = new GroupCommit(kafka, 2, Duration.ofMinutes(1))) {
      var first = CompletableFuture.supplyAsync(() -> commits.forward(delivery("a1")));
      assertThat(kafka.firstStarted.await(1, TimeUnit.MINUTES)).isTrue();
      var big = CompletableFuture.supplyAsync(() -> commits.forward(delivery("b1", "b2", "b3")));
      awaitWaiting(commits, 1);
      var small = CompletableFuture.supplyAsync(() -> commits.forward(delivery("c1")));
      awaitWaiting(commits, 2);
      kafka.releaseFirst.countDown();

      first.get(1, TimeUnit.MINUTES);
      assertThat(fingerprints(big.get(1, TimeUnit.MINUTES))).containsExactly("b1", "b2", "b3");
      assertThat(fingerprints(small.get(1, TimeUnit.MINUTES))).containsExactly("c1");
    }
    assertThat(kafka.committed)
        .containsExactly(List.of("a1"), List.of("b1", "b2", "b3"), List.of("c1"));
  }

  @Test
  void withTwoCommittersAGroupCommitsWhileAnotherTransactionIsStillUnderWay() throws Exception {
    Transactions kafka = new Transactions();
    try (GroupCommit commits = new GroupCommit(kafka, 100, Duration.ofMinutes(1), 2)) {
      var first = CompletableFuture.supplyAsync(() -> commits.forward(delivery("a1")));
      assertThat(kafka.firstStarted.await(1, TimeUnit.MINUTES)).isTrue();

      assertThat(fingerprints(commits.forward(delivery("b1", "b2"))))
          .as("acknowledged once its own transaction committed, the first one still open")
          .containsExactly("b1", "b2");
      assertThat(first).isNotDone();
      assertThat(kafka.committed).containsExactly(List.of("b1", "b2"));

      kafka.releaseFirst.countDown();
      assertThat(fingerprints(first.get(1, TimeUnit.MINUTES))).containsExactly("a1");
    }
    assertThat(kafka.committed).containsExactly(List.of("b1", "b2"), List.of("a1"));
  }

  @Test
  void aFailedTransactionFailsOnlyItsOwnGroupWhenTwoRunSideBySide() throws Exception {
    Transactions kafka = new Transactions();
    kafka.failOn = "bad";
    try (GroupCommit commits = new GroupCommit(kafka, 100, Duration.ofMinutes(1), 2)) {
      var first = CompletableFuture.supplyAsync(() -> commits.forward(delivery("a1")));
      assertThat(kafka.firstStarted.await(1, TimeUnit.MINUTES)).isTrue();

      assertThatThrownBy(() -> commits.forward(delivery("bad")))
          .as("not acknowledged: the sender retries")
          .isInstanceOf(KafkaException.class);
      kafka.releaseFirst.countDown();
      assertThat(fingerprints(first.get(1, TimeUnit.MINUTES))).containsExactly("a1");
    }
    assertThat(kafka.committed).containsExactly(List.of("a1"));
  }

  @Test
  void refusesFewerThanOneCommitter() {
    assertThatThrownBy(() -> new GroupCommit(new Transactions(), 100, Duration.ofMinutes(1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("committers");
  }

  private static void awaitWaiting(GroupCommit commits, int n) throws InterruptedException {
    while (commits.waiting() < n) {
      Thread.onSpinWait();
      Thread.sleep(1);
    }
  }

  private static List<AlertReceived> delivery(String... fingerprints) {
    AlertReceived base = Alerts.checkoutErrorRate();
    return java.util.Arrays.stream(fingerprints)
        .map(
            f ->
                new AlertReceived(
                    EventHeader.first(
                        IncidentId.of("alert-" + f), "test|" + f, Stage.INTAKE, Fixtures.NOW),
                    base.source(),
                    f,
                    base.groupKey(),
                    base.alertname(),
                    base.severity(),
                    base.status(),
                    base.labels(),
                    base.annotations(),
                    base.startsAt(),
                    base.endsAt(),
                    base.generatorUrl(),
                    0))
        .toList();
  }

  private static List<String> fingerprints(List<AlertReceived> alerts) {
    return alerts.stream().map(AlertReceived::fingerprint).toList();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
