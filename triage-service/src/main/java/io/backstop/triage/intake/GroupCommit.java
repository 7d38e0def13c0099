package io.backstop.triage.intake;

import io.backstop.events.AlertReceived;
import io.backstop.stream.EventPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.kafka.KafkaException;

/**
 * Group commit for webhook deliveries: deliveries that arrive while a commit is under way are put
 * on the alerts topic together, in the next single Kafka transaction, and each delivery is
 * acknowledged only once that transaction committed. A committer thread takes the first waiting
 * delivery and every other one already waiting (up to {@code maxAlerts} alerts), so a lone delivery
 * waits for nobody and a burst shares one transaction instead of paying one each.
 *
 * <p>{@code committers} threads do this side by side, each transaction on its own transactional
 * producer (the factory hands each concurrent transaction its own transactional id), so the next
 * group does not wait for the broker to finish the previous commit: with one committer, a
 * delivery's latency was the rest of the running commit plus its own, and the webhook's rate was
 * bounded by senders / (1.5 commits). Deliveries are independent (Alertmanager sends them
 * concurrently, with no order between them), so commits in parallel change no guarantee.
 *
 * <p>All or nothing per delivery still holds: a group commits whole or not at all, so when it fails
 * every delivery in it gets the error (a 503 the sender retries) and none was half-taken. A
 * delivery whose commit does not finish within {@code timeout} is answered with the same error; if
 * that commit succeeds after all, the sender's retry carries the same event ids and triage's
 * admission counts it as the duplicate it is.
 */
public final class GroupCommit implements AutoCloseable {

  private record Delivery(
      List<AlertReceived> alerts, CompletableFuture<List<AlertReceived>> done) {}

  private final EventPublisher publisher;
  private final int maxAlerts;
  private final Duration timeout;
  private final LinkedBlockingQueue<Delivery> waiting = new LinkedBlockingQueue<>();
  private final ReentrantLock gathering = new ReentrantLock();
  private final List<Thread> committers;
  private volatile boolean closed;

  /** One transaction at a time. */
  public GroupCommit(EventPublisher publisher, int maxAlerts, Duration timeout) {
    this(publisher, maxAlerts, timeout, 1);
  }

  /** Up to {@code committers} transactions under way at once, each with its own group. */
  public GroupCommit(EventPublisher publisher, int maxAlerts, Duration timeout, int committers) {
    if (maxAlerts < 1) {
      throw new IllegalArgumentException("maxAlerts must be at least 1, but was " + maxAlerts);
    }
    if (committers < 1) {
      throw new IllegalArgumentException("committers must be at least 1, but was " + committers);
    }
    this.publisher = publisher;
    this.maxAlerts = maxAlerts;
    this.timeout = timeout;
    List<Thread> threads = new ArrayList<>(committers);
    for (int i = 0; i < committers; i++) {
      Thread committer = new Thread(this::run, "triage-intake-commit-" + i);
      committer.setDaemon(true);
      threads.add(committer);
    }
    this.committers = List.copyOf(threads);
    this.committers.forEach(Thread::start);
  }

  /**
   * Puts the delivery's alerts on the alerts topic in a transaction shared with whatever else is
   * waiting, and returns them as sealed once it committed. Throws a {@link KafkaException} when the
   * transaction failed or did not finish in time.
   */
  public List<AlertReceived> forward(List<AlertReceived> alerts) {
    if (closed) {
      throw new KafkaException("the intake is shutting down; retry the delivery");
    }
    if (alerts.isEmpty()) {
      return List.of();
    }
    Delivery delivery = new Delivery(List.copyOf(alerts), new CompletableFuture<>());
    waiting.add(delivery);
    try {
      return delivery.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof KafkaException k
          ? k
          : new KafkaException("alerts not handed to Kafka: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaException(
          "alerts not confirmed by Kafka within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while waiting for Kafka", e);
    }
  }

  private void run() {
    while (!closed) {
      List<Delivery> group = new ArrayList<>();
      int size;
      try {
        // One committer gathers a group at a time (the others wait here for the next one), so a
        // delivery peeked is the delivery polled; the commits themselves run side by side.
        gathering.lockInterruptibly();
      } catch (InterruptedException e) {
        break;
      }
      try {
        Delivery first = waiting.take();
        group.add(first);
        size = first.alerts().size();
        Delivery next;
        while (size < maxAlerts
            && (next = waiting.peek()) != null
            && size + next.alerts().size() <= maxAlerts) {
          group.add(waiting.poll());
          size += next.alerts().size();
        }
      } catch (InterruptedException e) {
        break;
      } finally {
        gathering.unlock();
      }
      commit(group, size);
    }
    Delivery left;
    while ((left = waiting.poll()) != null) {
      left.done().completeExceptionally(new KafkaException("the intake shut down; retry"));
    }
  }

  private void commit(List<Delivery> group, int size) {
    List<AlertReceived> all = new ArrayList<>(size);
    group.forEach(d -> all.addAll(d.alerts()));
    List<AlertReceived> sealed;
    try {
      sealed = publisher.forwardAll(all);
    } catch (RuntimeException e) {
      group.forEach(d -> d.done().completeExceptionally(e));
      return;
    }
    int from = 0;
    for (Delivery d : group) {
      int to = from + d.alerts().size();
      d.done().complete(List.copyOf(sealed.subList(from, to)));
      from = to;
    }
  }

  /** Deliveries waiting for the next transaction; for tests and metrics. */
  int waiting() {
    return waiting.size();
  }

  @Override
  public void close() {
    closed = true;
    committers.forEach(Thread::interrupt);
  }
}
