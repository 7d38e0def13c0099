package io.backstop.prometheus;

import java.net.URI;

/** Prometheus and Alertmanager running on loopback; closing stops both. */
public final class RunningStack implements Launch, AutoCloseable {

  private final ManagedProcess prometheus;
  private final ManagedProcess alertmanager;
  private final StackSettings settings;

  RunningStack(ManagedProcess prometheus, ManagedProcess alertmanager, StackSettings settings) {
    this.prometheus = prometheus;
    this.alertmanager = alertmanager;
    this.settings = settings;
  }

  public URI prometheusUrl() {
    return URI.create("http://127.0.0.1:" + settings.prometheusPort());
  }

  public URI alertmanagerUrl() {
    return URI.create("http://127.0.0.1:" + settings.alertmanagerPort());
  }

  public boolean isAlive() {
    return prometheus.isAlive() && alertmanager.isAlive();
  }

  public StackSettings settings() {
    return settings;
  }

  /** Stops Prometheus first (no new alerts), then Alertmanager. */
  @Override
  public void close() {
    try {
      prometheus.close();
    } finally {
      alertmanager.close();
    }
  }
}
