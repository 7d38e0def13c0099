package io.backstop.triage.messaging;

import io.backstop.events.AlertReceived;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Topics;
import io.backstop.stream.telemetry.HopSpans;
import io.backstop.triage.evidence.SignalGatherer;
import io.backstop.triage.incident.Gathering;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Gathers opened incidents off the consumer thread. In the admission's transaction it writes the
 * incident's {@link PendingGathering} (so the work survives a crash) and starts gathering at once
 * on the gathering pool, in parallel with the admission's commit; the signals are published by the
 * {@link SignalsEmitter} once both are done, and dropped if the admission rolled back. The consumer
 * thread never waits for a cluster or for Prometheus, and never sleeps: a slow source costs its own
 * incident the gathering deadline ({@code backstop.triage.gathering.total-timeout}), never the
 * alerts behind it.
 */
final class OffThreadGathering {

  private static final Logger LOG = LoggerFactory.getLogger(OffThreadGathering.class);

  /** The span of one incident's gathering, a child of the admission's hop span. */
  static final String GATHERING_SPAN = "gather signals";

  private static final String INSTRUMENTATION = "io.backstop.triage";

  private final SignalGatherer gatherer;
  private final SignalsEmitter emitter;
  private final KafkaTemplate<byte[], byte[]> template;
  private final ExecutorService pool;
  private final Map<String, Running> inFlight = new ConcurrentHashMap<>();

  /**
   * Per partition taken over and not yet resumed: the incidents this instance opened from it since.
   * The resume reads the pending records after the partition's producer fenced its previous holder,
   * by which time this instance's own new incidents may have been gathered and published already;
   * those are not the previous holder's to gather again.
   */
  private final Map<Integer, Set<String>> openedSinceTaken = new ConcurrentHashMap<>();

  /** One gathering under way: the partition its incident was admitted from, and its task. */
  private record Running(int partition, FutureTask<Void> task) {}

  OffThreadGathering(
      SignalGatherer gatherer,
      SignalsEmitter emitter,
      KafkaTemplate<byte[], byte[]> transactional,
      ExecutorService pool) {
    this.gatherer = gatherer;
    this.emitter = emitter;
    this.template = transactional;
    this.pool = pool;
  }

  /** The {@link Gathering} for alerts consumed from {@code partition} of {@code topic}. */
  Gathering from(String topic, int partition) {
    return admitted -> opened(new PendingGathering(topic, partition, admitted));
  }

  private void opened(PendingGathering pending) {
    if (!template.inTransaction() || !TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException(
          "an incident was opened outside the consumer's transaction: " + pending.key());
    }
    Set<String> since = openedSinceTaken.get(pending.partition());
    if (since != null) {
      since.add(pending.key());
    }
    template.send(
        new ProducerRecord<>(Topics.TRIAGE_INCIDENTS, pending.keyBytes(), pending.toJson()));
    CompletableFuture<Boolean> committed = new CompletableFuture<>();
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            committed.complete(status == STATUS_COMMITTED);
          }
        });
    start(pending, committed);
  }

  /**
   * The partitions were just given to this instance (on the consumer thread, before any of their
   * alerts is admitted): once {@code fenced} completes (their signals producers started, fencing
   * whoever held them), the incidents left pending on them are read ({@code pending}) and gathered,
   * on the gathering pool. A crash or a rebalance between admission and publication left them to
   * whoever owns the partition now. The consumer thread goes on admitting meanwhile.
   */
  void taken(
      Collection<org.apache.kafka.common.TopicPartition> partitions,
      CompletableFuture<Void> fenced,
      Supplier<Collection<PendingGathering>> pending) {
    Map<Integer, Set<String>> taken = new java.util.HashMap<>();
    for (var tp : partitions) {
      Set<String> since = ConcurrentHashMap.newKeySet();
      taken.put(tp.partition(), since);
      openedSinceTaken.put(tp.partition(), since);
    }
    fenced.thenRunAsync(() -> resume(pending, partitions, taken), pool);
  }

  private void resume(
      Supplier<Collection<PendingGathering>> read,
      Collection<org.apache.kafka.common.TopicPartition> partitions,
      Map<Integer, Set<String>> taken) {
    try {
      for (PendingGathering p : read.get()) {
        Set<String> since = taken.get(p.partition());
        // A partition given up (or given up and taken again) since is no longer this resume's.
        boolean stillTaken = since != null && openedSinceTaken.get(p.partition()) == since;
        if (p.from(partitions)
            && stillTaken
            && !inFlight.containsKey(p.key())
            && !since.contains(p.key())) {
          LOG.info(
              "gathering {} again: it was admitted but its signals were never published", p.key());
          start(p, CompletableFuture.completedFuture(true));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "the incidents left pending on {} were not read ({}); they are gathered when the"
              + " partitions are next taken",
          partitions,
          e.toString());
    } finally {
      taken.forEach(openedSinceTaken::remove);
    }
  }

  /** Stops gathering for incidents of partitions this instance no longer owns. */
  void revoked(Collection<Integer> partitions) {
    Set<Integer> lost = Set.copyOf(partitions);
    lost.forEach(openedSinceTaken::remove);
    inFlight.forEach(
        (key, running) -> {
          if (lost.contains(running.partition())) {
            running.task().cancel(true);
            inFlight.remove(key, running);
          }
        });
  }

  int inFlight() {
    return inFlight.size();
  }

  private void start(PendingGathering pending, CompletableFuture<Boolean> committed) {
    String key = pending.key();
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              SignalsGathered signals = gatherer.gather(pending.admitted());
              if (committed.join() && !Thread.currentThread().isInterrupted()) {
                if (emitter.emit(pending, signals)) {
                  Gathering.opened(signals);
                }
              }
              return null;
            });
    Running running = new Running(pending.partition(), task);
    inFlight.put(key, running);
    // The gathering is a span of its own under the admission's hop span (the hop ends when the
    // admission commits, long before the cluster and Prometheus have answered); SignalsGathered
    // carries the gathering's span on to diagnosis.
    String incident = pending.admitted().incidentId().value();
    pool.execute(
        Context.current()
            .wrap(
                () -> {
                  Span span =
                      GlobalOpenTelemetry.getTracer(INSTRUMENTATION)
                          .spanBuilder(GATHERING_SPAN)
                          .setAttribute(HopSpans.INCIDENT, incident)
                          .startSpan();
                  try (Scope ignored = span.makeCurrent()) {
                    task.run();
                  } finally {
                    span.end();
                    inFlight.remove(key, running);
                  }
                }));
  }

  /** For tests: the alert of an incident still being gathered. */
  boolean gathering(AlertReceived admitted) {
    return inFlight.containsKey(PendingGathering.key(admitted.incidentId().value()));
  }
}
