package io.backstop.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackHomeTest {

  @Test
  void anExplicitOptionWinsOverTheEnvironment() {
    var home = StackHome.resolve(Path.of("/srv/backstop"), Map.of(StackHome.ENV, "/elsewhere"));

    assertThat(home.root()).isEqualTo(Path.of("/srv/backstop"));
  }

  @Test
  void theEnvironmentWinsOverTheDefault() {
    var home = StackHome.resolve(null, Map.of(StackHome.ENV, "/var/lib/backstop"));

    assertThat(home.root()).isEqualTo(Path.of("/var/lib/backstop"));
  }

  @Test
  void defaultsToDotBackstopInTheWorkingDirectoryAndKeepsEverythingUnderIt() {
    var home = StackHome.resolve(null, Map.of());

    assertThat(home.root()).isEqualTo(Path.of(".backstop").toAbsolutePath().normalize());
    assertThat(home.kafka().getParent()).isEqualTo(home.root());
    assertThat(home.logs().getParent()).isEqualTo(home.root());
  }

  @Test
  void aBlankEnvironmentVariableCountsAsUnset() {
    assertThat(StackHome.resolve(null, Map.of(StackHome.ENV, " ")).root())
        .isEqualTo(Path.of(".backstop").toAbsolutePath().normalize());
  }
}
