package io.backstop.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.localkafka.StackHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StackChoiceTest {

  private final StackHome home = new StackHome(Path.of("target", "choice"));

  @Test
  void upRunsAnAuthenticatedBrokerOnlyWhenAskedTo() {
    UpCommand plain = new UpCommand();
    new CommandLine(plain).parseArgs();
    UpCommand authenticated = new UpCommand();
    new CommandLine(authenticated).parseArgs("--authenticated-broker");

    var scenario = StackChoice.scenario("bad-deploy-hallucinated-sha");
    assertThat(plain.choice.options(home, scenario).authenticatedBroker()).isFalse();
    assertThat(authenticated.choice.options(home, scenario).authenticatedBroker()).isTrue();
  }
}
