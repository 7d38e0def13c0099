package io.backstop.prometheus;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the configs one local run uses under its data directory: the rules (with the hold time
 * override, if any), a prometheus.yml for the given ports, targets and interval, and the
 * Alertmanager config pointed at the given webhook.
 */
public final class StackConfig {

  private static final Pattern HOLD = Pattern.compile("(?m)^(\\s*for:\\s*)\\S+\\s*$");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private StackConfig() {}

  /** The files written, under {@code settings.dataDirectory()/config}. */
  public record Files(Path prometheusConfig, Path rules, Path alertmanagerConfig) {}

  public static Files write(StackSettings settings) throws IOException {
    Path directory = settings.dataDirectory().resolve("config");
    java.nio.file.Files.createDirectories(directory);
    Path rules = directory.resolve("backstop-alerts.yml");
    java.nio.file.Files.writeString(rules, rules(settings));
    Path prometheus = directory.resolve("prometheus.yml");
    java.nio.file.Files.writeString(prometheus, prometheus(settings, rules));
    Path alertmanager = directory.resolve("alertmanager.yml");
    java.nio.file.Files.writeString(alertmanager, alertmanager(settings.webhookUrl()));
    return new Files(prometheus, rules, alertmanager);
  }

  static String rules(StackSettings settings) {
    String shipped = ShippedConfig.read(ShippedConfig.RULES);
    return settings
        .alertHoldOverride()
        .map(
            hold ->
                HOLD.matcher(shipped).replaceAll("$1" + Matcher.quoteReplacement(duration(hold))))
        .orElse(shipped);
  }

  static String alertmanager(URI webhook) {
    String shipped = ShippedConfig.read(ShippedConfig.ALERTMANAGER);
    if (!shipped.contains(ShippedConfig.DEFAULT_WEBHOOK)) {
      throw new IllegalStateException(
          "shipped alertmanager.yml no longer names " + ShippedConfig.DEFAULT_WEBHOOK);
    }
    return shipped.replace(ShippedConfig.DEFAULT_WEBHOOK, webhook.toString());
  }

  static String prometheus(StackSettings settings, Path rules) {
    String interval = duration(settings.interval());
    var out = new StringBuilder();
    out.append("global:\n");
    out.append("  scrape_interval: ").append(interval).append('\n');
    out.append("  evaluation_interval: ").append(interval).append('\n');
    out.append("rule_files:\n  - ").append(quoted(rules.toAbsolutePath().toString())).append('\n');
    out.append("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [")
        .append(quoted("127.0.0.1:" + settings.alertmanagerPort()))
        .append("]\n");
    out.append("scrape_configs:\n");
    int index = 0;
    for (URI target : settings.scrapeTargets()) {
      out.append("  - job_name: ").append(quoted("target-" + index++)).append('\n');
      out.append("    scheme: ").append(target.getScheme()).append('\n');
      out.append("    metrics_path: ")
          .append(
              quoted(
                  target.getPath() == null || target.getPath().isEmpty()
                      ? "/metrics"
                      : target.getPath()))
          .append('\n');
      if ("https".equals(target.getScheme())) {
        out.append("    tls_config:\n      insecure_skip_verify: true\n");
      }
      out.append("    static_configs:\n      - targets: [")
          .append(quoted(target.getHost() + ":" + target.getPort()))
          .append("]\n");
    }
    return out.toString();
  }

  /** A Prometheus duration: whole seconds as {@code 5s}, anything finer in milliseconds. */
  static String duration(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }

  private static String quoted(String text) {
    return JSON.writeValueAsString(text);
  }
}
