package io.backstop.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped rules and configs pass the Prometheus tools' own checks, and the rules' unit tests
 * (series in, alerts out) pass. Skipped where the tools are not installed.
 */
class PromtoolCheckTest {

  @TempDir Path data;

  @Test
  void shippedRulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
    var promtool = Binaries.promtool();
    assumeTrue(promtool.isPresent(), "promtool not installed");
    Path rules = data.resolve("rules");
    Files.createDirectories(rules);
    Files.writeString(
        rules.resolve("backstop-alerts.yml"), ShippedConfig.read(ShippedConfig.RULES));
    Files.writeString(
        rules.resolve("backstop-alerts.test.yml"),
        ShippedConfig.read("local-prometheus/rules/backstop-alerts.test.yml"));

    var check =
        Tools.run(rules, promtool.get().toString(), "check", "rules", "backstop-alerts.yml");
    var unit =
        Tools.run(rules, promtool.get().toString(), "test", "rules", "backstop-alerts.test.yml");

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 6 rules found");
    assertThat(unit.exitCode()).as(unit.output()).isZero();
    assertThat(unit.output()).contains("SUCCESS");
  }

  @Test
  void renderedPrometheusConfigPassesPromtool() throws Exception {
    var promtool = Binaries.promtool();
    assumeTrue(promtool.isPresent(), "promtool not installed");
    var settings =
        StackSettings.local(
                data,
                19090,
                19093,
                URI.create("http://127.0.0.1:16443/metrics"),
                URI.create("http://127.0.0.1:18081/api/v1/alerts/alertmanager"))
            .withAlertHold(Duration.ofSeconds(1));
    var files = StackConfig.write(settings);

    var check =
        Tools.run(
            data,
            promtool.get().toString(),
            "check",
            "config",
            files.prometheusConfig().toString());

    assertThat(check.exitCode()).as(check.output()).isZero();
  }

  @Test
  void shippedAndRenderedAlertmanagerConfigsPassAmtool() throws Exception {
    var amtool = Binaries.amtool();
    assumeTrue(amtool.isPresent(), "amtool not installed");
    Path shipped = data.resolve("alertmanager.yml");
    Files.writeString(shipped, ShippedConfig.read(ShippedConfig.ALERTMANAGER));
    Path rendered = data.resolve("rendered.yml");
    Files.writeString(
        rendered,
        StackConfig.alertmanager(URI.create("http://127.0.0.1:18081/api/v1/alerts/alertmanager")));

    var shippedCheck = Tools.run(data, amtool.get().toString(), "check-config", shipped.toString());
    var renderedCheck =
        Tools.run(data, amtool.get().toString(), "check-config", rendered.toString());

    assertThat(shippedCheck.exitCode()).as(shippedCheck.output()).isZero();
    assertThat(renderedCheck.exitCode()).as(renderedCheck.output()).isZero();
  }
}
