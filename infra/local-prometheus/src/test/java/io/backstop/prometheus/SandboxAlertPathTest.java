package io.backstop.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.backstop.sandbox.SandboxCluster;
import io.backstop.sandbox.SandboxOptions;
import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.scenario.ScenarioLoader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped rules over the sandbox cluster's own {@code /metrics}, playing a shipped scenario:
 * the scenario's alert fires for its workload and reaches a webhook. This is what ties the rule
 * expressions to the metric names the sandbox really serves. Skipped without the binaries.
 */
class SandboxAlertPathTest {

  @TempDir Path data;

  private HttpServer webhook;
  private final BlockingQueue<String> deliveries = new LinkedBlockingQueue<>();

  @AfterEach
  void stopWebhook() {
    if (webhook != null) {
      webhook.stop(0);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "bad-deploy-hallucinated-sha.yaml, HighErrorRate, checkout",
    "memory-leak.yaml, ContainerMemoryNearLimit, recommendations"
  })
  void scenarioAlertFiresFromSandboxMetricsAndReachesTheWebhook(
      String scenarioFile, String alertname, String deployment) throws Exception {
    assumeTrue(Binaries.prometheus().isPresent(), "prometheus not installed");
    assumeTrue(Binaries.alertmanager().isPresent(), "prometheus-alertmanager not installed");
    webhook = webhook();
    var scenario = ScenarioLoader.loadResource(scenarioFile);

    try (var sandbox = SandboxCluster.start(SandboxSpec.from(scenario), SandboxOptions.fast())) {
      var settings =
          StackSettings.local(
                  data,
                  freePort(),
                  freePort(),
                  URI.create(sandbox.metricsUrl()),
                  URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook"))
              .withAlertHold(Duration.ofSeconds(1));
      try (var stack = (RunningStack) LocalPrometheus.start(settings)) {
        JsonNode alert = awaitAlert(alertname, Duration.ofSeconds(90));

        assertThat(stack.isAlive()).isTrue();
        assertThat(alert.at("/labels/namespace").asString()).isEqualTo("shop");
        assertThat(alert.at("/labels/deployment").asString()).isEqualTo(deployment);
      }
    }
  }

  private JsonNode awaitAlert(String alertname, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String body = deliveries.poll(1, TimeUnit.SECONDS);
      if (body == null) {
        continue;
      }
      for (JsonNode alert : JsonMapper.shared().readTree(body).path("alerts")) {
        if (alertname.equals(alert.at("/labels/alertname").asString())) {
          return alert;
        }
      }
    }
    throw new AssertionError(alertname + " did not reach the webhook within " + timeout);
  }

  private HttpServer webhook() throws IOException {
    var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          try (exchange) {
            deliveries.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.start();
    return server;
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
