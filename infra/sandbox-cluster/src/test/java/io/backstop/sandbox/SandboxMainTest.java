package io.backstop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SandboxMainTest {

  @Test
  void parsesAShippedScenarioByNameAndPorts() {
    var args =
        SandboxMain.Arguments.parse(
            new String[] {"--scenario", "memory-leak", "--port", "18080", "--fast"});

    assertThat(args.scenario().name()).isEqualTo("memory-leak");
    assertThat(args.options().httpPort()).isEqualTo(18080);
    assertThat(args.options().httpsPort()).isZero();
  }

  @Test
  void refusesMissingScenarioUnknownFlagsAndBadPortsByName() {
    assertThatThrownBy(() -> SandboxMain.Arguments.parse(new String[] {}))
        .hasMessageContaining("--scenario");
    assertThatThrownBy(() -> SandboxMain.Arguments.parse(new String[] {"--bogus"}))
        .hasMessageContaining("--bogus");
    assertThatThrownBy(() -> SandboxMain.Arguments.parse(new String[] {"--port", "99999"}))
        .hasMessageContaining("99999");
    assertThatThrownBy(() -> SandboxMain.Arguments.parse(new String[] {"--scenario", "no-such"}))
        .hasMessageContaining("no-such");
  }
}
