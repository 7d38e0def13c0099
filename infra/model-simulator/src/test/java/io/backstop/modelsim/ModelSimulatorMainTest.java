package io.backstop.modelsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.scenario.ScenarioException;
import org.junit.jupiter.api.Test;

class ModelSimulatorMainTest {

  @Test
  void readsScenarioPortAndKey() {
    var options =
        ModelSimulatorMain.options(
            new String[] {
              "--scenario", "memory-leak.yaml", "--port", "18080", "--api-key", "sk-demo"
            });

    assertThat(options.scenario().name()).isEqualTo("memory-leak");
    assertThat(options.config().port()).isEqualTo(18080);
    assertThat(options.config().apiKey()).isEqualTo("sk-demo");
    assertThat(options.config().host()).isEqualTo("127.0.0.1");
  }

  @Test
  void defaultsToTheHeadlineScenarioOnAFreeLoopbackPort() {
    var options = ModelSimulatorMain.options(new String[0]);

    assertThat(options.scenario().name()).isEqualTo("bad-deploy-hallucinated-sha");
    assertThat(options.config().port()).isZero();
  }

  @Test
  void badOptionsAreNamed() {
    assertThatThrownBy(() -> ModelSimulatorMain.options(new String[] {"--port", "eighty"}))
        .hasMessage("--port must be a number, but was 'eighty'");
    assertThatThrownBy(() -> ModelSimulatorMain.options(new String[] {"--verbose", "yes"}))
        .hasMessage("unknown option --verbose");
    assertThatThrownBy(() -> ModelSimulatorMain.options(new String[] {"--scenario", "nope.yaml"}))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("no such scenario");
  }
}
