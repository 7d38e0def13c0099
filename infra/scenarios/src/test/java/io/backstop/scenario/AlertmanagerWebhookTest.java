package io.backstop.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AlertmanagerWebhookTest {

  static final Instant STARTS = Instant.parse("2026-11-24T06:00:30Z");

  @Test
  void rendersTheScenarioAlertAsAnAlertmanagerV4FiringDelivery() {
    var scenario = ScenarioLoader.loadResource("bad-deploy-hallucinated-sha.yaml");

    var body = JsonMapper.shared().readTree(AlertmanagerWebhook.firing(scenario, STARTS));

    assertThat(body.path("version").asString()).isEqualTo("4");
    assertThat(body.path("status").asString()).isEqualTo("firing");
    assertThat(body.path("alerts").size()).isEqualTo(1);
    var alert = body.at("/alerts/0");
    assertThat(alert.at("/labels/alertname").asString()).isEqualTo("HighErrorRate");
    assertThat(alert.at("/labels/severity").asString()).isEqualTo("critical");
    assertThat(alert.at("/labels/namespace").asString()).isEqualTo("shop");
    assertThat(alert.at("/labels/deployment").asString()).isEqualTo("checkout");
    assertThat(alert.at("/annotations/summary").asString())
        .isEqualTo("checkout 5xx ratio above 5% for 1m");
    assertThat(alert.path("startsAt").asString()).isEqualTo("2026-11-24T06:00:30Z");
    assertThat(alert.path("fingerprint").asString()).matches("[0-9a-f]{16}");
  }

  @Test
  void fingerprintIsStableForTheSameLabelsAndDiffersForOthers() {
    var headline = ScenarioLoader.loadResource("bad-deploy-hallucinated-sha.yaml");
    var leak = ScenarioLoader.loadResource("memory-leak.yaml");

    String first = fingerprintOf(headline, STARTS);
    String again = fingerprintOf(headline, STARTS.plusSeconds(60));

    assertThat(first).isEqualTo(again).isNotEqualTo(fingerprintOf(leak, STARTS));
  }

  private static String fingerprintOf(Scenario scenario, Instant startsAt) {
    return JsonMapper.shared()
        .readTree(AlertmanagerWebhook.firing(scenario, startsAt))
        .at("/alerts/0/fingerprint")
        .asString();
  }
}
