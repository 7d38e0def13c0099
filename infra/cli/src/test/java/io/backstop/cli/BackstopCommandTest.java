package io.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BackstopCommandTest {

  @Test
  void helpExplainsTheToolAndListsEveryCommand() {
    var out = new StringWriter();

    int code =
        Main.run(
            new String[] {"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("Usage: backstop")
        .contains("guardrails")
        .contains("up ", "down ", "incident ", "audit ")
        .contains("BACKSTOP_HOME");
  }

  @Test
  void everySubcommandExplainsItself() {
    for (String[] args :
        new String[][] {
          {"up", "--help"},
          {"down", "--help"},
          {"incident", "show", "--help"},
          {"audit", "verify", "--help"}
        }) {
      var out = new StringWriter();

      int code = Main.run(args, new PrintWriter(out), new PrintWriter(new StringWriter()));

      assertThat(code).isZero();
      assertThat(out.toString()).contains("Usage: backstop " + args[0]).contains("--home");
    }
  }

  @Test
  void upRunsOneToThreeInstancesOfEachServiceAndRefusesMoreBeforeStartingAnything() {
    var help = new StringWriter();
    Main.run(
        new String[] {"up", "--help"}, new PrintWriter(help), new PrintWriter(new StringWriter()));
    assertThat(help.toString()).contains("--instances=N");

    var err = new StringWriter();
    int code =
        Main.run(
            new String[] {"up", "--instances", "4"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--instances must be between 1 and 3").contains("was 4");
  }

  @Test
  void anUnknownCommandIsAUsageErrorThatSaysWhatWasWrong() {
    var err = new StringWriter();

    int code =
        Main.run(
            new String[] {"explode"}, new PrintWriter(new StringWriter()), new PrintWriter(err));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("explode");
  }
}
