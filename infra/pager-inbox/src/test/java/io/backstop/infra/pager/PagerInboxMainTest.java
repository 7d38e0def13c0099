package io.backstop.infra.pager;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PagerInboxMainTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final CommandLine line =
      new CommandLine(new PagerInboxMain())
          .setOut(new PrintWriter(out))
          .setErr(new PrintWriter(err));

  @Test
  void helpListsEveryOption() {
    assertThat(line.execute("--help")).isZero();
    assertThat(out.toString()).contains("--port", "--dir", "8091", "data/pager-inbox");
  }

  @Test
  void aBadOptionIsNamedWithTheUsageAndExitCodeTwo() {
    assertThat(line.execute("--port", "eighty")).isEqualTo(2);
    assertThat(line.execute("--port", "70000")).isEqualTo(2);
    assertThat(line.execute("8091")).isEqualTo(2);

    assertThat(err.toString())
        .contains("eighty")
        .contains("--port must be between 0 and 65535, but was 70000")
        .contains("8091")
        .contains("Usage: pager-inbox");
  }
}
