package io.backstop.infra.pager;

/**
 * The test hook: the next {@code count} requests fail with {@code status} (and a {@code
 * Retry-After} header when one is given), after which the inbox accepts again; and the next
 * requests may be answered late, each after its own delay (a slow pager).
 */
final class FailureInjection {

  private final java.util.Deque<java.time.Duration> delays = new java.util.ArrayDeque<>();

  synchronized void delayNext(java.util.List<java.time.Duration> next) {
    delays.clear();
    delays.addAll(next);
  }

  /** How long to hold this request before answering it. */
  synchronized java.time.Duration nextDelay() {
    return delays.isEmpty() ? java.time.Duration.ZERO : delays.pollFirst();
  }

  private int remaining;
  private int status;
  private Integer retryAfterSeconds;

  synchronized void failNext(int count, int status, Integer retryAfterSeconds) {
    if (count < 0 || status < 400 || status > 599) {
      throw new IllegalArgumentException(
          "failNext needs count >= 0 and a 4xx/5xx status, but was " + count + ", " + status);
    }
    this.remaining = count;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The failure to answer with, or null when this request should be served. */
  synchronized Failure next() {
    if (remaining == 0) {
      return null;
    }
    remaining--;
    return new Failure(status, retryAfterSeconds);
  }

  record Failure(int status, Integer retryAfterSeconds) {}
}
