package io.backstop.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts parts of the stack that do not need each other side by side, each on a thread of its own,
 * and returns once every one has finished, whether it started or failed. A part that fails does not
 * stop the others half-way (a Spring context cannot be abandoned mid-start): they finish, the stack
 * has registered every part that started, and the first failure is thrown, the others suppressed on
 * it, so the caller stops everything and names the part that failed first.
 */
final class Together {

  /** One part to start: its name (for its thread) and what starts it. */
  record Step(String name, Runnable start) {}

  private Together() {}

  /** Runs every step, side by side unless {@code oneAfterAnother} (for A/B measurements). */
  static void run(List<Step> steps, boolean oneAfterAnother) {
    if (oneAfterAnother || steps.size() == 1) {
      for (Step step : steps) {
        step.start().run();
      }
      return;
    }
    ExecutorService threads = Executors.newFixedThreadPool(steps.size(), named());
    try {
      List<Future<?>> started = new ArrayList<>();
      for (Step step : steps) {
        started.add(
            threads.submit(
                () -> {
                  Thread.currentThread().setName("backstop-start-" + step.name());
                  step.start().run();
                }));
      }
      RuntimeException first = null;
      for (Future<?> future : started) {
        RuntimeException failure = outcome(future);
        if (failure != null && first == null) {
          first = failure;
        } else if (failure != null) {
          first.addSuppressed(failure);
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      threads.shutdown();
    }
  }

  private static RuntimeException outcome(Future<?> future) {
    try {
      future.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException("a part of the stack failed to start", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new LocalStack.StoppedWhileStarting();
    }
  }

  private static ThreadFactory named() {
    AtomicInteger count = new AtomicInteger();
    return body -> new Thread(body, "backstop-start-" + count.incrementAndGet());
  }
}
