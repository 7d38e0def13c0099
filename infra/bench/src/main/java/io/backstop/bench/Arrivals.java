package io.backstop.bench;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * When each awaited thing was first seen ({@link System#nanoTime()}), waited on without spinning.
 */
final class Arrivals {

  private final Map<String, CompletableFuture<Long>> seen = new ConcurrentHashMap<>();

  void arrived(String id, long nanos) {
    future(id).complete(nanos);
  }

  boolean has(String id) {
    CompletableFuture<Long> f = seen.get(id);
    return f != null && f.isDone();
  }

  long await(String id, long timeoutMillis, String what) {
    try {
      return future(id).get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " did not arrive within " + timeoutMillis + " ms");
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + what, e);
    }
  }

  private CompletableFuture<Long> future(String id) {
    return seen.computeIfAbsent(id, k -> new CompletableFuture<>());
  }
}
