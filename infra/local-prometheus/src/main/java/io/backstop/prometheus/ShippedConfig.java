package io.backstop.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The rule file and Alertmanager config shipped with this module (from {@code config/}). */
public final class ShippedConfig {

  public static final String RULES = "local-prometheus/rules/backstop-alerts.yml";
  public static final String ALERTMANAGER = "local-prometheus/alertmanager.yml";
  public static final String PROMETHEUS = "local-prometheus/prometheus.yml";

  /** The webhook URL the shipped Alertmanager config names; the launcher replaces it. */
  public static final String DEFAULT_WEBHOOK = "http://127.0.0.1:8081/api/v1/alerts/alertmanager";

  private ShippedConfig() {}

  public static String read(String resource) {
    try (InputStream in = ShippedConfig.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing from the classpath: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
