package io.backstop.escalation.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.escalation.ScheduledWaits;
import io.backstop.infra.ticket.TicketMcpServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpTicketClientTest {

  private static final String TOKEN = "ticket-token";

  @TempDir static Path dir;
  private static TicketMcpServer server;
  private final ScheduledWaits scheduler = new ScheduledWaits();

  @BeforeAll
  static void start() {
    server = TicketMcpServer.start(0, dir, TOKEN, List.of("http://localhost:*"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @org.junit.jupiter.api.AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  @Test
  void createsOneTicketAndUpdatesItWithTheNewTimelineAndStatus() throws Exception {
    try (McpTicketClient client = client(server.url(), TOKEN)) {
      var created =
          client.create(
              new TicketDraft(
                  "inc-7", "checkout down", "# Incident inc-7", "critical", List.of("backstop")));
      client.update(
          new TicketChange(
              created.ref(), "rolled back, recovered", "# Incident inc-7 v2", "resolved"));

      assertThat(created.ref()).startsWith("BKS-");
      assertThat(created.attempts()).isEqualTo(1);
      String md = Files.readString(dir.resolve(created.ref() + ".md"));
      assertThat(md).contains("# Incident inc-7 v2", "rolled back, recovered", "status: resolved");
    }
  }

  @Test
  void aToolErrorIsNotRetried() {
    try (McpTicketClient client = client(server.url(), TOKEN)) {
      assertThatThrownBy(() -> client.update(new TicketChange("BKS-404", "c", null, null)))
          .isInstanceOf(TicketException.class)
          .hasMessageContaining("tool error")
          .hasMessageContaining("BKS-404");
      assertThat(scheduler.waits()).isEmpty();
    }
  }

  @Test
  void aWrongTokenFailsAfterBoundedRetries() {
    try (McpTicketClient client = client(server.url(), "wrong")) {
      assertThatThrownBy(() -> client.create(draft()))
          .isInstanceOf(TicketException.class)
          .hasMessageContaining("no answer after 3 attempts");
      assertThat(scheduler.waits()).hasSize(2);
    }
  }

  @Test
  void anUnreachableServerFailsAfterBoundedRetries() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (McpTicketClient client = client(URI.create("http://127.0.0.1:" + port + "/mcp"), TOKEN)) {
      assertThatThrownBy(() -> client.create(draft())).isInstanceOf(TicketException.class);
    }
  }

  private static TicketDraft draft() {
    return new TicketDraft("inc-x", "t", "b", "critical", List.of());
  }

  private McpTicketClient client(URI url, String token) {
    return new McpTicketClient(
        url,
        token,
        Duration.ofSeconds(5),
        ToolMapping.local(),
        scheduler.retries(3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(20)));
  }
}
