package io.backstop.infra.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TicketMcpServerMainTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final CommandLine line =
      new CommandLine(new TicketMcpServerMain())
          .setOut(new PrintWriter(out))
          .setErr(new PrintWriter(err));

  @Test
  void helpListsEveryOption() {
    assertThat(line.execute("--help")).isZero();
    assertThat(out.toString())
        .contains("--port", "--dir", "8092", "data/tickets", "BACKSTOP_TICKET_MCP_TOKEN");
  }

  @Test
  void aBadOptionIsNamedWithTheUsageAndExitCodeTwo() {
    assertThat(line.execute("--port", "eighty")).isEqualTo(2);
    assertThat(line.execute("--port", "70000")).isEqualTo(2);
    assertThat(line.execute("8092")).isEqualTo(2);

    assertThat(err.toString())
        .contains("eighty")
        .contains("--port must be between 0 and 65535, but was 70000")
        .contains("8092")
        .contains("Usage: ticket-mcp-server");
  }
}
