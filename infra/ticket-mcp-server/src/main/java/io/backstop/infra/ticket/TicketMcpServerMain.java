package io.backstop.infra.ticket;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the ticket MCP server (a SIMULATOR of a ticketing system) on its own until the process is
 * stopped; a bad option is named with the usage and exit code 2.
 */
@Command(
    name = "ticket-mcp-server",
    mixinStandardHelpOptions = true,
    version = "backstop ticket MCP server",
    description =
        "Serves ticket tools over MCP (streamable HTTP) on loopback, keeping tickets as files."
            + " Clients authenticate with the bearer token in BACKSTOP_TICKET_MCP_TOKEN.")
public final class TicketMcpServerMain implements Callable<Integer> {

  static final String TOKEN_VARIABLE = "BACKSTOP_TICKET_MCP_TOKEN";

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8092",
      description = "The loopback port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "data/tickets",
      description = "Where the tickets are kept (default: ${DEFAULT-VALUE}).")
  private Path dir;

  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new TicketMcpServerMain()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(), "--port must be between 0 and 65535, but was " + port);
    }
    // The token comes from the environment, never the command line, which any user can list.
    String token = System.getenv().getOrDefault(TOKEN_VARIABLE, "local-dev-token");
    if (token.isBlank()) {
      throw new ParameterException(spec.commandLine(), TOKEN_VARIABLE + " must not be blank");
    }
    TicketMcpServer server =
        TicketMcpServer.start(
            port, dir, token, List.of("http://localhost:*", "http://127.0.0.1:*"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    System.out.println("ticket MCP server listening on " + server.url() + ", tickets in " + dir);
    stopped.await();
    return 0;
  }
}
