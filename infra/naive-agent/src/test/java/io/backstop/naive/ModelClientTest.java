package io.backstop.naive;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelClientTest {

  private HttpServer server;

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void takesTheModelsWordForItIncludingAHallucinatedSha() throws Exception {
    String content =
        "{\\\"hypothesis\\\":\\\"bad deploy\\\",\\\"suspectedDeploySha\\\":\\\"e4f5a6b7c8d9\\\","
            + "\\\"confidence\\\":0.97,\\\"action\\\":{\\\"type\\\":\\\"ROLLBACK\\\",\\\"target\\\":\\\"checkout\\\","
            + "\\\"scope\\\":\\\"all\\\",\\\"revision\\\":1}}";
    serve(
        200,
        "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\""
            + content
            + "\"}}],\"usage\":{\"prompt_tokens\":900,\"completion_tokens\":80}}");

    var result = client().ask("system", "user");

    assertThat(result.call().status()).isEqualTo(200);
    assertThat(result.call().inputTokens()).isEqualTo(900);
    assertThat(result.answer().suspectedDeploySha()).isEqualTo("e4f5a6b7c8d9");
    assertThat(result.answer().scope()).isEqualTo("all");
    assertThat(result.answer().revision()).isEqualTo(1L);
  }

  @Test
  void aFailedCallLeavesTheAgentWithNoAnswer() throws Exception {
    serve(500, "{\"error\":{\"message\":\"upstream down\"}}");

    var result = client().ask("system", "user");

    assertThat(result.call().status()).isEqualTo(500);
    assertThat(result.answer()).isNull();
  }

  private ModelClient client() {
    return new ModelClient(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        "key",
        "claude",
        Duration.ofSeconds(5));
  }

  private void serve(int status, String body) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }
}
