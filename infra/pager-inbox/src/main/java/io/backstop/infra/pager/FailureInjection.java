package io.backstop.infra.pager;

/**
 * The test hook: the next {@code count} requests fail with {@code status} (and a {@code
 * Retry-After} header when one is given), after which the inbox accepts again.
 */
final class FailureInjection {

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
