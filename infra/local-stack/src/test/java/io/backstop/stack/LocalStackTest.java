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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      Map<String, Integer> services = new LinkedHashMap<>();
      services.put("triage-service", options.ports().triage());
      services.put("diagnosis-service", options.ports().diagnosis());
      services.put("guardrail-service", options.ports().guardrail());
      services.put("executor-service", options.ports().executor());
      services.put("escalation-service", options.ports().escalation());
      services.forEach((name, port) -> assertScrapes(http, name, port));
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

  /** Prometheus can scrape every service: text format, JVM and Kafka client meters, its tag. */
  private static void assertScrapes(HttpClient http, String service, int port) {
    try {
      HttpResponse<String> scrape =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.statusCode()).as("/actuator/prometheus of " + service).isEqualTo(200);
      assertThat(scrape.headers().firstValue("Content-Type").orElse(""))
          .as("content type of " + service)
          .startsWith("text/plain");
      assertThat(scrape.body())
          .as("scrape of " + service)
          .contains("jvm_memory_used_bytes{")
          .contains("application=\"" + service + "\"");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
