package io.backstop.modelsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ModelSimulatorMainTest {

  @Test
  void readsScenarioPortAndKey() {
    var options =
        ModelSimulatorMain.options(
            "--scenario", "memory-leak.yaml", "--port", "18080", "--api-key", "sk-demo");

    assertThat(options.scenario().name()).isEqualTo("memory-leak");
    assertThat(options.config().port()).isEqualTo(18080);
    assertThat(options.config().apiKey()).isEqualTo("sk-demo");
    assertThat(options.config().host()).isEqualTo("127.0.0.1");
  }

  @Test
  void defaultsToTheHeadlineScenarioOnAFreeLoopbackPort() {
    var options = ModelSimulatorMain.options();

    assertThat(options.scenario().name()).isEqualTo("bad-deploy-hallucinated-sha");
    assertThat(options.config().port()).isZero();
    assertThat(options.config().apiKey()).isEqualTo(SimulatorConfig.DEFAULT_API_KEY);
  }

  @Test
  void badOptionsAreNamed() {
    assertThatThrownBy(() -> ModelSimulatorMain.options("--port", "eighty"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--port")
        .hasMessageContaining("eighty");
    assertThatThrownBy(() -> ModelSimulatorMain.options("--port", "99999"))
        .isInstanceOf(ParameterException.class)
        .hasMessage("port must be between 0 and 65535, but was 99999");
    assertThatThrownBy(() -> ModelSimulatorMain.options("--verbose", "yes"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--verbose");
    assertThatThrownBy(() -> ModelSimulatorMain.options("--scenario", "nope.yaml"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--scenario")
        .hasMessageContaining("no shipped scenario");
  }

  @Test
  void helpListsEveryOptionAndABadOptionExitsWithTheUsage() {
    var out = new StringWriter();
    var err = new StringWriter();
    var line =
        new CommandLine(new ModelSimulatorMain())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err));

    assertThat(line.execute("--help")).isZero();
    assertThat(out.toString()).contains("--scenario", "--port", "--api-key", "--help");
    assertThat(line.execute("--port", "-1")).isEqualTo(2);
    assertThat(err.toString())
        .contains("port must be between 0 and 65535, but was -1")
        .contains("Usage: model-simulator");
  }
}
