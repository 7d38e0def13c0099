package io.backstop.triage.evidence;

import io.backstop.triage.kubernetes.ReadFailures;
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
 * naming the source and why (with the root cause); it never holds the incident up.
 *
 * <p>A read that fails the way a busy API server or a dropped connection fails (no HTTP status at
 * all, 429, or 5xx; an I/O error) is tried once more after {@link #RETRY_PAUSE}, while the deadline
 * allows: one lost connection should not cost an incident a whole source. A refusal (401, 403, 404,
 * any other 4xx) is an answer, and is not asked again.
 */
public final class SourceCalls {

  private final ExecutorService executor;
  private final Duration perSource;
  private final long deadlineNanos;
  private final List<String> missing = new ArrayList<>();

  /** How long a read that failed transiently waits before its one retry. */
  static final Duration RETRY_PAUSE = Duration.ofMillis(150);

  /** The deadline runs on the monotonic clock, not the injected one: it bounds real waiting. */
  public SourceCalls(ExecutorService executor, Duration perSource, Duration total) {
    this.executor = executor;
    this.perSource = perSource;
    this.deadlineNanos = System.nanoTime() + total.toNanos();
  }

  /** A started read; {@link #await} collects it. */
  public <T> Future<T> start(Callable<T> read) {
    return executor.submit(
        () -> {
          try {
            return read.call();
          } catch (Exception first) {
            long left = deadlineNanos - System.nanoTime();
            if (!transientFailure(first) || left <= RETRY_PAUSE.toNanos() * 2) {
              throw first;
            }
            Thread.sleep(RETRY_PAUSE.toMillis());
            try {
              return read.call();
            } catch (Exception second) {
              second.addSuppressed(first);
              throw second;
            }
          }
        });
  }

  /** See {@link ReadFailures#transientFailure}. */
  static boolean transientFailure(Throwable t) {
    return ReadFailures.transientFailure(t);
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
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String cause =
        root == t
            ? ""
            : " (cause: "
                + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage(), 200))
                + ")";
    return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message) + cause;
  }

  private static String firstLine(String text, int max) {
    int newline = text.indexOf('\n');
    String line = newline >= 0 ? text.substring(0, newline) : text;
    return line.length() > max ? line.substring(0, max) + "..." : line;
  }
}
