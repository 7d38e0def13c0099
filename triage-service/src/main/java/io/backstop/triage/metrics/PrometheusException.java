package io.backstop.triage.metrics;

/** A Prometheus query failed: unreachable, an HTTP error, or an answer with status "error". */
public final class PrometheusException extends RuntimeException {

  public PrometheusException(String query, String reason, Throwable cause) {
    super("prometheus query failed (" + reason + "): " + query, cause);
  }
}
