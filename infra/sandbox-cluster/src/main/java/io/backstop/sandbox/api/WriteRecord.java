package io.backstop.sandbox.api;

import java.time.Instant;

/**
 * One write request the sandbox received, whatever its outcome: who sent it (token name, or
 * "anonymous"), the method and path, the status code answered, and whether it was a dry run.
 */
public record WriteRecord(
    Instant at, String principal, String method, String path, int code, boolean dryRun) {

  /** Whether the write was carried out (2xx and not a dry run). */
  public boolean applied() {
    return code >= 200 && code < 300 && !dryRun;
  }
}
