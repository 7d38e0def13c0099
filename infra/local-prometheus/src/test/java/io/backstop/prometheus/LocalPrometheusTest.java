package io.backstop.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real alert path on loopback: Prometheus scrapes a {@code /metrics} endpoint of the test's own
 * where checkout fails half its requests, the shipped HighErrorRate rule fires, and Alertmanager
 * delivers it to a webhook receiver of the test's own. Skipped when the binaries are absent.
 */
class LocalPrometheusTest {

  @TempDir Path data;

  private HttpServer metrics;
  private HttpServer webhook;
  private final BlockingQueue<String> deliveries = new LinkedBlockingQueue<>();
  private final long startedNanos = System.nanoTime();

  @AfterEach
  void stopServers() {
    if (metrics != null) {
      metrics.stop(0);
    }
    if (webhook != null) {
      webhook.stop(0);
    }
  }

  @Test
  void highErrorRateFiresAndReachesTheWebhookThenBothStopCleanly() throws Exception {
    assumeTrue(Binaries.prometheus().isPresent(), "prometheus not installed");
    assumeTrue(Binaries.alertmanager().isPresent(), "prometheus-alertmanager not installed");
    metrics = serve("/metrics", this::metrics);
    webhook = serve("/api/v1/alerts/alertmanager", this::receive);
    var settings =
        StackSettings.local(
                data,
                freePort(),
                freePort(),
                URI.create("http://127.0.0.1:" + metrics.getAddress().getPort() + "/metrics"),
                URI.create(
                    "http://127.0.0.1:"
                        + webhook.getAddress().getPort()
                        + "/api/v1/alerts/alertmanager"))
            .withAlertHold(Duration.ofSeconds(1));

    Launch launch = LocalPrometheus.start(settings);

    assertThat(launch).isInstanceOf(RunningStack.class);
    var stack = (RunningStack) launch;
    JsonNode alert;
    try (stack) {
      assertThat(stack.isAlive()).isTrue();
      alert = awaitAlert("HighErrorRate", Duration.ofSeconds(60));
    }
    assertThat(alert.at("/labels/namespace").asString()).isEqualTo("shop");
    assertThat(alert.at("/labels/deployment").asString()).isEqualTo("checkout");
    assertThat(alert.at("/labels/severity").asString()).isEqualTo("critical");
    assertThat(alert.path("status").asString()).isEqualTo("firing");
    assertThat(alert.at("/annotations/summary").asString())
        .isEqualTo("shop/checkout 5xx ratio above 5% for 1m");
    assertThat(stack.isAlive()).isFalse();
  }

  /** checkout serves 20 requests a second, half of them 500s; cart serves 20, all fine. */
  private String metrics() {
    long elapsedSeconds = Math.max(1, (System.nanoTime() - startedNanos) / 1_000_000_000L);
    long perCode = 10 * elapsedSeconds;
    return "# TYPE http_requests_total counter\n"
        + "http_requests_total{namespace=\"shop\",deployment=\"checkout\",code=\"200\"} "
        + perCode
        + "\n"
        + "http_requests_total{namespace=\"shop\",deployment=\"checkout\",code=\"500\"} "
        + perCode
        + "\n"
        + "http_requests_total{namespace=\"shop\",deployment=\"cart\",code=\"200\"} "
        + 2 * perCode
        + "\n";
  }

  private String receive(String body) {
    deliveries.add(body);
    return "";
  }

  private JsonNode awaitAlert(String alertname, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String body = deliveries.poll(1, TimeUnit.SECONDS);
      if (body == null) {
        continue;
      }
      JsonNode message = JsonMapper.shared().readTree(body);
      for (JsonNode alert : message.path("alerts")) {
        if (alertname.equals(alert.at("/labels/alertname").asString())) {
          assertThat(message.path("version").asString()).isEqualTo("4");
          assertThat(message.path("receiver").asString()).isEqualTo("backstop-triage");
          return alert;
        }
      }
    }
    throw new AssertionError(alertname + " did not reach the webhook within " + timeout);
  }

  private static HttpServer serve(String path, java.util.function.Function<String, String> handler)
      throws IOException {
    var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(path, exchange -> answer(exchange, handler));
    server.start();
    return server;
  }

  private static HttpServer serve(String path, java.util.function.Supplier<String> body)
      throws IOException {
    return serve(path, ignored -> body.get());
  }

  private static void answer(
      HttpExchange exchange, java.util.function.Function<String, String> handler)
      throws IOException {
    try (exchange) {
      String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      byte[] response = handler.apply(request).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
      if (response.length > 0) {
        exchange.getResponseBody().write(response);
      }
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
