package io.backstop.prometheus;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to run the local Prometheus and Alertmanager: the data directory (configs, TSDB, logs go
 * under it), their loopback ports, the {@code /metrics} URLs to scrape, the webhook alerts go to,
 * the scrape and rule evaluation interval, an optional {@code alertHold} that replaces every rule's
 * {@code for:} (local runs want alerts in seconds, not minutes), and how long to wait for
 * readiness.
 */
public record StackSettings(
    Path dataDirectory,
    int prometheusPort,
    int alertmanagerPort,
    List<URI> scrapeTargets,
    URI webhookUrl,
    Duration interval,
    Duration alertHold,
    Duration readyTimeout) {

  public StackSettings {
    if (dataDirectory == null) {
      throw new IllegalArgumentException("dataDirectory is required");
    }
    port("prometheusPort", prometheusPort);
    port("alertmanagerPort", alertmanagerPort);
    scrapeTargets = List.copyOf(scrapeTargets);
    for (URI target : scrapeTargets) {
      if (target.getHost() == null || target.getPort() < 1 || target.getScheme() == null) {
        throw new IllegalArgumentException(
            "scrape target must be an absolute URL with host and port, but was " + target);
      }
    }
    if (webhookUrl == null || !webhookUrl.isAbsolute()) {
      throw new IllegalArgumentException(
          "webhookUrl must be an absolute URL, but was " + webhookUrl);
    }
    interval = positive("interval", interval == null ? Duration.ofSeconds(1) : interval);
    readyTimeout =
        positive("readyTimeout", readyTimeout == null ? Duration.ofSeconds(30) : readyTimeout);
    if (alertHold != null && alertHold.isNegative()) {
      throw new IllegalArgumentException("alertHold must not be negative, but was " + alertHold);
    }
  }

  /** Local defaults: 1s intervals, rules' own hold times, 30s to become ready. */
  public static StackSettings local(
      Path dataDirectory,
      int prometheusPort,
      int alertmanagerPort,
      URI scrapeTarget,
      URI webhookUrl) {
    return new StackSettings(
        dataDirectory,
        prometheusPort,
        alertmanagerPort,
        List.of(scrapeTarget),
        webhookUrl,
        null,
        null,
        null);
  }

  public StackSettings withAlertHold(Duration hold) {
    return new StackSettings(
        dataDirectory,
        prometheusPort,
        alertmanagerPort,
        scrapeTargets,
        webhookUrl,
        interval,
        hold,
        readyTimeout);
  }

  public StackSettings withInterval(Duration newInterval) {
    return new StackSettings(
        dataDirectory,
        prometheusPort,
        alertmanagerPort,
        scrapeTargets,
        webhookUrl,
        newInterval,
        alertHold,
        readyTimeout);
  }

  public Optional<Duration> alertHoldOverride() {
    return Optional.ofNullable(alertHold);
  }

  private static void port(String name, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " must be between 1 and 65535, but was " + port);
    }
  }

  private static Duration positive(String name, Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
    return value;
  }
}
