package io.backstop.triage.evidence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the reads of one gathering, each bounded by the per-source timeout and all by the total
 * deadline. A read that fails or runs out of time yields nothing and a line in {@link #missing()}
 * naming the source and why; it never holds the incident up.
 */
public final class SourceCalls {

  private final ExecutorService executor;
  private final Duration perSource;
  private final long deadlineNanos;
  private final List<String> missing = new ArrayList<>();

  /** The deadline runs on the monotonic clock, not the injected one: it bounds real waiting. */
  public SourceCalls(ExecutorService executor, Duration perSource, Duration total) {
    this.executor = executor;
    this.perSource = perSource;
    this.deadlineNanos = System.nanoTime() + total.toNanos();
  }

  /** A started read; {@link #await} collects it. */
  public <T> Future<T> start(Callable<T> read) {
    return executor.submit(read);
  }

  public <T> Optional<T> await(String source, Future<T> read) {
    long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    long budget = Math.min(perSource.toMillis(), left);
    try {
      return Optional.ofNullable(read.get(Math.max(0, budget), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      read.cancel(true);
      missing.add(source + ": no answer within " + Math.max(0, budget) + " ms");
    } catch (ExecutionException e) {
      missing.add(source + ": " + describe(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      missing.add(source + ": interrupted");
    }
    return Optional.empty();
  }

  public <T> Optional<T> call(String source, Callable<T> read) {
    return await(source, start(read));
  }

  /** Records a source that was not read at all, and why. */
  public void skipped(String source, String reason) {
    missing.add(source + ": " + reason);
  }

  public List<String> missing() {
    return List.copyOf(missing);
  }

  static String describe(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage();
    int newline = message.indexOf('\n');
    message = newline >= 0 ? message.substring(0, newline) : message;
    if (message.length() > 300) {
      message = message.substring(0, 300) + "...";
    }
    return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }
}
