package io.backstop.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackConfigTest {

  static final URI WEBHOOK = URI.create("http://127.0.0.1:18081/api/v1/alerts/alertmanager");

  @TempDir Path data;

  StackSettings settings() {
    return StackSettings.local(
        data, 19090, 19093, URI.create("http://127.0.0.1:16443/metrics"), WEBHOOK);
  }

  @Test
  void rulesKeepTheirHoldTimesUnlessOverridden() {
    String asShipped = StackConfig.rules(settings());
    String tight = StackConfig.rules(settings().withAlertHold(Duration.ofSeconds(2)));

    assertThat(asShipped).contains("for: 1m", "for: 2m");
    assertThat(tight).doesNotContain("for: 1m", "for: 2m");
    assertThat(Pattern.compile("for: 2s").matcher(tight).results().count()).isEqualTo(6);
  }

  @Test
  void alertmanagerConfigPointsAtTheGivenTriageWebhook() {
    String config = StackConfig.alertmanager(WEBHOOK);

    assertThat(config).contains("url: " + WEBHOOK).doesNotContain(ShippedConfig.DEFAULT_WEBHOOK);
    assertThat(config).contains("group_wait: 1s", "send_resolved: true");
  }

  @Test
  void prometheusConfigScrapesTheTargetsAtTheIntervalAndAlertsTheLocalAlertmanager()
      throws IOException {
    var files = StackConfig.write(settings().withInterval(Duration.ofMillis(500)));
    String config = Files.readString(files.prometheusConfig());

    assertThat(config)
        .contains("scrape_interval: 500ms", "evaluation_interval: 500ms")
        .contains("\"127.0.0.1:19093\"", "\"127.0.0.1:16443\"", "metrics_path: \"/metrics\"")
        .contains(files.rules().toAbsolutePath().toString());
    assertThat(files.rules()).exists();
    assertThat(files.alertmanagerConfig()).exists();
  }

  @Test
  void badSettingsAreRefusedNamingTheValue() {
    assertThatThrownBy(
            () ->
                StackSettings.local(
                    data, 0, 19093, URI.create("http://127.0.0.1:1/metrics"), WEBHOOK))
        .hasMessage("prometheusPort must be between 1 and 65535, but was 0");
    assertThatThrownBy(
            () -> StackSettings.local(data, 19090, 19093, URI.create("/metrics"), WEBHOOK))
        .hasMessageContaining("scrape target must be an absolute URL");
  }

  @Test
  void absentBinariesAreAnUnavailableValueNamingThePackages() {
    Launch launch =
        LocalPrometheus.start(settings(), java.util.Optional.empty(), java.util.Optional.empty());

    assertThat(launch).isInstanceOf(Launch.Unavailable.class);
    assertThat(((Launch.Unavailable) launch).reason())
        .contains("prometheus", "prometheus-alertmanager");
  }

  @Test
  void everyShippedScenarioAlertIsOneTheRulesCanRaise() {
    String rules = ShippedConfig.read(ShippedConfig.RULES);
    var raised =
        Pattern.compile("- alert: (\\w+)").matcher(rules).results().map(m -> m.group(1)).toList();

    assertThat(raised)
        .containsExactlyInAnyOrder(
            "HighErrorRate",
            "CrashLooping",
            "ContainerMemoryNearLimit",
            "WorkloadSaturated",
            "DeploymentUnavailable",
            "PodEvicted");
    assertThat(ScenarioLoader.shipped())
        .extracting(Scenario::alert)
        .allSatisfy(alert -> assertThat(raised).contains(alert.alertname()));
  }
}
