package io.backstop.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.diagnosis.chain.ModelClient;
import io.backstop.events.diagnosis.ModelTier;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

  @Test
  void buildsNoClientWithoutAGatewaySoTheOfflineAnalyzerDiagnosesAlone() {
    assertThat(Targets.clients(properties(null, target("claude", null)), name -> null)).isEmpty();
  }

  @Test
  void buildsOneClientPerTargetWithAGateway() {
    List<ModelClient> clients =
        Targets.clients(
            properties("http://127.0.0.1:1/v1", target("claude", null), target("llama", null)),
            name -> null);

    assertThat(clients).extracting(c -> c.target().name()).containsExactly("claude", "llama");
  }

  @Test
  void aTargetWithItsOwnBaseUrlIsBuiltEvenWithoutAGateway() {
    List<ModelClient> clients =
        Targets.clients(
            properties(null, target("claude", null), target("local", "http://127.0.0.1:2/v1")),
            name -> null);

    assertThat(clients).extracting(c -> c.target().name()).containsExactly("local");
  }

  @Test
  void readsTheKeyFromTheNamedEnvironmentVariableOnly() {
    var asked = new java.util.ArrayList<String>();

    Targets.clients(
        properties("http://127.0.0.1:1/v1", target("claude", null)),
        name -> {
          asked.add(name);
          return "sk-from-env";
        });

    assertThat(asked).containsExactly("BACKSTOP_GATEWAY_API_KEY");
  }

  private static DiagnosisProperties properties(
      String gateway, DiagnosisProperties.Target... targets) {
    return new DiagnosisProperties(
        new DiagnosisProperties.Gateway(gateway, "BACKSTOP_GATEWAY_API_KEY"),
        List.of(targets),
        null,
        null,
        null);
  }

  private static DiagnosisProperties.Target target(String name, String baseUrl) {
    return new DiagnosisProperties.Target(
        name,
        name,
        ModelTier.PRIMARY,
        1,
        Duration.ofSeconds(5),
        BigDecimal.ONE,
        BigDecimal.ONE,
        false,
        baseUrl,
        null);
  }
}
