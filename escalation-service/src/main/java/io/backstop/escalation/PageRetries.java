package io.backstop.escalation;

import io.backstop.events.IncidentEvent;
import io.backstop.events.id.EventId;
import io.backstop.events.id.IncidentId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The pages still owed, retried off the consumer thread. A page the pager did not take (down, slow,
 * busy) is never dropped and never dead-lettered: its source event is queued here, per incident in
 * arrival order, and handled again after a back-off that doubles from {@code initialBackoff} up to
 * {@code maxBackoff} and stays there, until the pager takes the page or refuses it. Later pages of
 * the same incident wait behind it, so the pager never sees a resolve before the trigger it
 * resolves. The queue is rebuilt from the audit log's PENDING records on start.
 */
public final class PageRetries implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PageRetries.class);

  /** A source event whose page is owed, as received, and the topic it came from. */
  record Owed(IncidentEvent source, byte[] received, String inputTopic) {}

  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final ScheduledExecutorService scheduler;
  private final Map<IncidentId, Deque<Owed>> queues = new HashMap<>();
  private final Map<IncidentId, Duration> nextDelay = new HashMap<>();
  private volatile Predicate<Owed> retry = owed -> true;

  public PageRetries(Duration initialBackoff, Duration maxBackoff) {
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException(
          "background retry initial-backoff must be positive, but was " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "background retry max-backoff must be at least initial-backoff, but was " + maxBackoff);
    }
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "backstop-page-retries");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * What handles an owed source again; returns whether its page is still owed. Set once, by the
   * escalator that owns this queue.
   */
  void handler(Predicate<Owed> retry) {
    this.retry = retry;
  }

  /** Queues the source's page (once); the incident's first owed page is retried after a pause. */
  public synchronized void owe(IncidentEvent source, byte[] received, String inputTopic) {
    Deque<Owed> queue = queues.computeIfAbsent(source.incidentId(), i -> new ArrayDeque<>());
    if (queue.stream().anyMatch(o -> o.source().eventId().equals(source.eventId()))) {
      return;
    }
    queue.addLast(new Owed(source, received.clone(), inputTopic));
    if (queue.size() == 1) {
      nextDelay.put(source.incidentId(), initialBackoff);
      schedule(source.incidentId(), initialBackoff);
    }
  }

  /**
   * Whether a page of this source must wait: an earlier source of the same incident still owes one.
   */
  public synchronized boolean waitsBehind(IncidentId incident, EventId source) {
    Deque<Owed> queue = queues.get(incident);
    return queue != null
        && !queue.isEmpty()
        && !queue.peekFirst().source().eventId().equals(source);
  }

  /** How many pages are owed now, over all incidents. */
  public synchronized int owed() {
    return queues.values().stream().mapToInt(Deque::size).sum();
  }

  private void schedule(IncidentId incident, Duration delay) {
    scheduler.schedule(() -> attempt(incident), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void attempt(IncidentId incident) {
    while (true) {
      Owed head;
      synchronized (this) {
        Deque<Owed> queue = queues.get(incident);
        if (queue == null || queue.isEmpty()) {
          queues.remove(incident);
          nextDelay.remove(incident);
          return;
        }
        head = queue.peekFirst();
      }
      boolean stillOwed;
      try {
        stillOwed = retry.test(head);
      } catch (RuntimeException e) {
        LOG.warn("retrying the page of {} failed; will retry", head.source().eventId(), e);
        stillOwed = true;
      }
      synchronized (this) {
        if (stillOwed) {
          Duration delay = nextDelay.getOrDefault(incident, initialBackoff);
          Duration next = delay.multipliedBy(2);
          nextDelay.put(incident, next.compareTo(maxBackoff) > 0 ? maxBackoff : next);
          LOG.warn(
              "page of incident {} (source {}) still not delivered; next try in {}",
              incident,
              head.source().eventId(),
              delay);
          schedule(incident, delay);
          return;
        }
        queues.get(incident).pollFirst();
        nextDelay.put(incident, initialBackoff);
      }
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
