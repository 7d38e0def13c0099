package io.backstop.escalation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler for {@link Retries} that records each wait it is asked for and runs the retry at
 * once, so a test sees the back-off without waiting it out.
 */
public class ScheduledWaits extends ScheduledThreadPoolExecutor {

  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  public ScheduledWaits() {
    super(
        1,
        task -> {
          Thread thread = new Thread(task, "test-retry");
          thread.setDaemon(true);
          return thread;
        });
  }

  /** {@code maxAttempts} and the back-off bounds, the waits recorded here. */
  public Retries retries(
      int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    return new Retries(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, this);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    waits.add(Duration.of(delay, unit.toChronoUnit()));
    return super.schedule(command, 0, unit);
  }

  /** The waits asked for so far, in order. */
  public List<Duration> waits() {
    return List.copyOf(waits);
  }
}
