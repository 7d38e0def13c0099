package io.backstop.triage.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;

/** Which failed reads are worth asking once more, and which are answers. */
public final class ReadFailures {

  private ReadFailures() {}

  /**
   * A read that failed the way a busy API server or a dropped connection fails: no HTTP status at
   * all, 429 or 5xx, or an I/O error anywhere in its causes. A refusal (401, 403, 404, any other
   * 4xx) is an answer.
   */
  public static boolean transientFailure(Throwable t) {
    if (t instanceof KubernetesClientException k) {
      int code = k.getCode();
      return code <= 0 || code == 429 || code >= 500;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
