package io.backstop.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.localkafka.StackHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StackChoiceTest {

  private final StackHome home = new StackHome(Path.of("target", "choice"));

  private final io.backstop.scenario.Scenario scenario =
      StackChoice.scenario("bad-deploy-hallucinated-sha");

  @Test
  void upRunsAnAuthenticatedBrokerUnlessAskedForAPlainOne() {
    assertThat(up().choice.authenticatedByDefault().options(home, scenario).authenticatedBroker())
        .isTrue();
    assertThat(
            up("--authenticated-broker")
                .choice
                .authenticatedByDefault()
                .options(home, scenario)
                .authenticatedBroker())
        .isTrue();
    assertThat(
            up("--plain-broker")
                .choice
                .authenticatedByDefault()
                .options(home, scenario)
                .authenticatedBroker())
        .isFalse();
  }

  @Test
  void commandsWithoutThatDefaultRunAPlainBrokerUnlessAskedForTheAuthenticatedOne() {
    assertThat(up().choice.options(home, scenario).authenticatedBroker()).isFalse();
    assertThat(up("--authenticated-broker").choice.options(home, scenario).authenticatedBroker())
        .isTrue();
  }

  @Test
  void bothFlagsAtOnceAreANamedError() {
    StackChoice both = up("--authenticated-broker", "--plain-broker").choice;

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> both.options(home, scenario))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--authenticated-broker and --plain-broker exclude each other");
  }

  @Test
  void aSecondStackBesideTheFirstKeepsTheBrokerChoice() {
    StackChoice demo = up().choice.authenticatedByDefault().withDefault(17500);
    StackChoice plain = up("--plain-broker").choice.authenticatedByDefault().withDefault(17500);

    assertThat(demo.shifted(1000).options(home, scenario).authenticatedBroker()).isTrue();
    assertThat(plain.shifted(1000).options(home, scenario).authenticatedBroker()).isFalse();
    assertThat(demo.shifted(1000).options(home, scenario).ports())
        .isNotEqualTo(demo.options(home, scenario).ports());
  }

  private static UpCommand up(String... args) {
    UpCommand command = new UpCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }
}
