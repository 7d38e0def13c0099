package io.backstop.triage.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.testing.TopicProbe;
import io.backstop.triage.it.TriageIntegrationSupport;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/**
 * The signals emitter on a real broker: a partition's producer starts off the calling (consumer)
 * thread, the new owner of a partition fences the old one, which can then publish nothing, and a
 * partition given up and taken back publishes through its new producer (the old one, closed first,
 * never fences it).
 */
class SignalsEmitterIntegrationTest extends TriageIntegrationSupport {

  @Test
  void takingOrGivingUpAPartitionLeavesTheBrokerWorkToTheLifecycleThread() throws Exception {
    HeldTasks lifecycle = new HeldTasks();
    String incident = "inc-emitter-held-" + UUID.randomUUID();
    try (SignalsEmitter emitter = emitter("held", lifecycle)) {
      var started = emitter.acquire(List.of(0, 1));

      assertThat(started).as("nothing started on the caller's thread").isNotDone();
      assertThat(lifecycle.held()).as("one producer start per partition, handed over").isEqualTo(2);

      lifecycle.runHeld();
      started.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(emitter.emit(pending(incident, 0), signals(incident))).isTrue();

      emitter.release(List.of(1));
      assertThat(emitter.owns(1)).isFalse();
      assertThat(lifecycle.held()).as("the close is handed over too").isEqualTo(1);
      lifecycle.runHeld();
    }
    assertThat(published(incident)).hasSize(1);
  }

  @Test
  void theNewOwnerOfAPartitionFencesTheOldOneWhichCanNoLongerPublish() throws Exception {
    String group = "fence-" + UUID.randomUUID();
    String before = "inc-emitter-before-" + UUID.randomUUID();
    String after = "inc-emitter-after-" + UUID.randomUUID();
    try (SignalsEmitter old = emitter(group, daemon());
        SignalsEmitter next = emitter(group, daemon())) {
      old.acquire(List.of(0)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(old.emit(pending(before, 0), signals(before))).isTrue();

      next.acquire(List.of(0)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(old.emit(pending(after, 0), signals(after)))
          .as("the old owner, fenced, publishes nothing")
          .isFalse();
      assertThat(old.owns(0)).isFalse();
      assertThat(next.emit(pending(after, 0), signals(after))).isTrue();
    }
    assertThat(published(before)).hasSize(1);
    assertThat(published(after)).as("published once, by the new owner").hasSize(1);
  }

  @Test
  void aPartitionGivenUpAndTakenBackPublishesThroughItsNewProducer() throws Exception {
    String incident = "inc-emitter-back-" + UUID.randomUUID();
    try (SignalsEmitter emitter = emitter("back-" + UUID.randomUUID(), daemon())) {
      emitter.acquire(List.of(0));
      emitter.release(List.of(0));
      emitter.acquire(List.of(0));

      assertThat(emitter.emit(pending(incident, 0), signals(incident)))
          .as("waits for the new producer, which the old one never fenced")
          .isTrue();
    }
    assertThat(published(incident)).hasSize(1);
  }

  private SignalsEmitter emitter(String group, ExecutorService lifecycle) {
    return new SignalsEmitter(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        "triage-service",
        group,
        "backstop.alerts.emitter-test.v1",
        lifecycle);
  }

  private static ExecutorService daemon() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "emitter-test-lifecycle");
          t.setDaemon(true);
          return t;
        });
  }

  private static PendingGathering pending(String incident, int partition) {
    AlertReceived alert =
        EventCodec.seal(
            PendingGatheringTest.ADMITTED.withHeader(
                EventHeader.first(
                    IncidentId.of(incident), "test|" + incident, Stage.TRIAGE, Fixtures.NOW)));
    return new PendingGathering("backstop.alerts.emitter-test.v1", partition, alert);
  }

  private static SignalsGathered signals(String incident) {
    return Signals.badDeploy()
        .withHeader(
            EventHeader.first(
                IncidentId.of(incident), "signals|" + incident, Stage.TRIAGE, Fixtures.NOW));
  }

  private List<ConsumerRecord<String, byte[]>> published(String incident) {
    try (var probe = TopicProbe.connect(bootstrap)) {
      return probe
          .readUntil(
              Topics.SIGNALS, records -> records.stream().anyMatch(r -> of(r, incident)), WAIT)
          .stream()
          .filter(r -> of(r, incident))
          .toList();
    }
  }

  private static boolean of(ConsumerRecord<String, byte[]> r, String incident) {
    return EventCodec.decode(r.value()).incidentId().value().equals(incident);
  }

  /** An executor that holds its tasks until the test runs them, on the test's own thread. */
  static final class HeldTasks extends AbstractExecutorService {
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean shutdown;

    synchronized int held() {
      return tasks.size();
    }

    void runHeld() {
      Runnable next;
      while ((next = poll()) != null) {
        next.run();
      }
    }

    private synchronized Runnable poll() {
      return tasks.poll();
    }

    @Override
    public synchronized void execute(Runnable command) {
      tasks.add(command);
    }

    @Override
    public synchronized void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown();
      return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return isShutdown() && held() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      // Closing the emitter hands over its last closes: run them, so no producer is left open.
      runHeld();
      return true;
    }
  }
}
