package io.backstop.infra.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketMcpServerTest {

  private static final String TOKEN = "s3cret-token";
  private static final String INITIALIZE =
      """
      {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
       "capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
      """;

  @TempDir static Path dir;
  private static TicketMcpServer server;
  private static McpSyncClient client;

  @BeforeAll
  static void start() {
    server = TicketMcpServer.start(0, dir, TOKEN, List.of("http://localhost:*"));
    client = client(TOKEN);
    client.initialize();
  }

  @AfterAll
  static void stop() {
    client.closeGracefully();
    server.close();
  }

  @Test
  void listsTheTicketTools() {
    List<String> names = client.listTools().tools().stream().map(Tool::name).toList();

    assertThat(names)
        .containsExactlyInAnyOrder("create_ticket", "update_ticket", "get_ticket", "list_tickets");
  }

  @Test
  void createUpdateAndGetRoundTripThroughFiles() throws Exception {
    Map<String, Object> created =
        call(
            "create_ticket",
            Map.of(
                "incident_id", "inc-round-trip",
                "title", "checkout down",
                "body", "## Timeline\n- alert",
                "labels", List.of("backstop")));
    String id = created.get("id").toString();

    call("update_ticket", Map.of("ticket_id", id, "comment", "rolled back", "status", "resolved"));
    Map<String, Object> read = call("get_ticket", Map.of("ticket_id", id));

    assertThat(read.get("status")).isEqualTo("resolved");
    assertThat(read.get("body")).isEqualTo("## Timeline\n- alert");
    assertThat(read.get("comments").toString()).contains("rolled back");
    assertThat(Files.readString(dir.resolve(id + ".md"))).contains("rolled back", "## Timeline");
    assertThat(dir.resolve(id + ".json")).exists();
  }

  @Test
  void creatingTwiceForOneIncidentReturnsTheSameTicket() {
    Map<String, Object> first =
        call("create_ticket", Map.of("incident_id", "inc-twice", "title", "t"));
    Map<String, Object> second =
        call("create_ticket", Map.of("incident_id", "inc-twice", "title", "t"));

    assertThat(second.get("id")).isEqualTo(first.get("id"));
  }

  @Test
  void anUnknownTicketIsAToolErrorNotACrash() {
    CallToolResult result =
        client.callTool(new CallToolRequest("get_ticket", Map.of("ticket_id", "BKS-999")));

    assertThat(result.isError()).isTrue();
    assertThat(result.content().toString()).contains("BKS-999");
  }

  @Test
  void rejectsAClientWithTheWrongToken() {
    McpSyncClient intruder = client("wrong-token");

    assertThatThrownBy(intruder::initialize).isInstanceOf(RuntimeException.class);
    intruder.close();
  }

  @Test
  void rejectsAWrongTokenWith401OverRawHttp() throws Exception {
    assertThat(rawPost("Bearer nope", null).statusCode()).isEqualTo(401);
  }

  @Test
  void rejectsAnOriginThatIsNotAllowedWith403() throws Exception {
    assertThat(rawPost("Bearer " + TOKEN, "http://evil.example").statusCode()).isEqualTo(403);
  }

  @Test
  void acceptsAnAllowedOrigin() throws Exception {
    assertThat(rawPost("Bearer " + TOKEN, "http://localhost:3000").statusCode()).isEqualTo(200);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> call(String tool, Map<String, Object> args) {
    CallToolResult result = client.callTool(new CallToolRequest(tool, args));
    assertThat(result.isError()).as("tool error: %s", result.content()).isFalse();
    return (Map<String, Object>) result.structuredContent();
  }

  private static McpSyncClient client(String token) {
    var transport =
        HttpClientStreamableHttpTransport.builder(server.url().toString().replace("/mcp", ""))
            .endpoint(TicketMcpServer.ENDPOINT)
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
            .build();
    return McpClient.sync(transport)
        .requestTimeout(Duration.ofSeconds(10))
        .initializationTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static HttpResponse<String> rawPost(String authorization, String origin)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.url())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
