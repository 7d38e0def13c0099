package io.backstop.prometheus;

/** Prometheus or Alertmanager is installed but did not start; the message holds its log's tail. */
public final class LaunchException extends RuntimeException {

  public LaunchException(String message) {
    super(message);
  }

  public LaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}
