package io.backstop.executor.plan;

import io.backstop.events.signal.WorkloadRef;

/**
 * The API server answered a write with a definite refusal (4xx: forbidden, conflict, a failed
 * {@code test} operation): nothing was written. Carries the status code and the server's reason.
 */
public class WriteRejectedException extends RuntimeException {

  private final int code;

  public WriteRejectedException(WorkloadRef target, int code, String reason, Throwable cause) {
    super("write to " + target + " rejected with HTTP " + code + ": " + reason, cause);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
