package io.backstop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class SandboxMainTest {

  @Test
  void parsesAShippedScenarioByNameAndPorts() {
    var args = SandboxMain.arguments("--scenario", "memory-leak", "--port", "18080", "--fast");

    assertThat(args.scenario().name()).isEqualTo("memory-leak");
    assertThat(args.options().httpPort()).isEqualTo(18080);
    assertThat(args.options().httpsPort()).isZero();
    assertThat(args.kubeconfigDir()).isNull();
  }

  @Test
  void refusesMissingScenarioUnknownFlagsAndBadPortsByName() {
    assertThatThrownBy(() -> SandboxMain.arguments())
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--scenario");
    assertThatThrownBy(() -> SandboxMain.arguments("--scenario", "memory-leak", "--bogus"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--bogus");
    assertThatThrownBy(() -> SandboxMain.arguments("--scenario", "memory-leak", "--port", "99999"))
        .isInstanceOf(ParameterException.class)
        .hasMessage("--port must be a port between 0 and 65535, but was 99999");
    assertThatThrownBy(() -> SandboxMain.arguments("--scenario", "no-such"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("no-such")
        .hasMessageContaining("memory-leak.yaml");
  }

  @Test
  void helpListsEveryOptionAndABadOptionExitsWithTheUsage() {
    var out = new StringWriter();
    var err = new StringWriter();
    var line =
        new CommandLine(new SandboxMain())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err));

    assertThat(line.execute("--help")).isZero();
    assertThat(out.toString())
        .contains("--scenario", "--port", "--https-port", "--kubeconfig-dir", "--fast");
    assertThat(line.execute("--scenario", "no-such")).isEqualTo(2);
    assertThat(err.toString()).contains("no-such").contains("Usage: sandbox-cluster");
  }
}
