package io.backstop.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.localkafka.StackHome;
import io.backstop.scenario.ScenarioLoader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

  @TempDir Path tmp;
  Path home = Path.of("target", "stack-test-" + System.nanoTime());

  @Test
  void startsEveryPartAndEachServiceReportsHealthy() throws Exception {
    List<String> progress = new ArrayList<>();
    StackOptions options =
        new StackOptions(
            new StackHome(home),
            TestPorts.freeBase(),
            ScenarioLoader.loadResource("bad-deploy-hallucinated-sha.yaml"),
            false,
            StackOptions.Prometheus.OFF,
            StackOptions.testTiming());

    try (LocalStack stack = LocalStack.start(options, progress::add)) {
      HttpClient http = HttpClient.newHttpClient();
      for (int port :
          List.of(
              options.ports().triage(),
              options.ports().diagnosis(),
              options.ports().guardrail(),
              options.ports().executor(),
              options.ports().escalation())) {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).as("health of :" + port).contains("\"UP\"");
      }
      assertThat(stack.endpoints())
          .extracting(Endpoint::name)
          .contains(
              "Kafka bootstrap",
              "Sandbox cluster API",
              "Model simulator",
              "Pager inbox",
              "Ticket MCP server",
              "triage-service",
              "executor-service");
    }
    assertThat(progress).anyMatch(line -> line.startsWith("Kafka broker"));
  }

  @Test
  void aTakenPortIsAClearErrorBeforeAnythingStarts() throws Exception {
    StackPorts ports = TestPorts.freeBase();
    try (ServerSocket squatter =
        new ServerSocket(ports.triage(), 1, InetAddress.getLoopbackAddress())) {
      StackOptions options =
          new StackOptions(
              new StackHome(home),
              ports,
              ScenarioLoader.loadResource("bad-deploy-hallucinated-sha.yaml"),
              false,
              StackOptions.Prometheus.OFF,
              StackOptions.testTiming());

      assertThatThrownBy(() -> LocalStack.start(options, line -> {}))
          .isInstanceOf(PortTakenException.class)
          .hasMessageContaining(String.valueOf(ports.triage()))
          .hasMessageContaining("triage-service");
    }
  }
}
