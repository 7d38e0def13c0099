package io.backstop.stack.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.backstop.scenario.Alert;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scenario's alert reaches triage as Alertmanager's would: a delivery answered 503 (triage's
 * answer while Kafka is slow) is sent again until it is taken; one refused with a 4xx is final.
 */
class AlertInjectorTest {

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void aDeliveryAnswered503IsSentAgainUntilTaken() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    URI webhook = serve(requests, 503, 503, 202);

    new AlertInjector(webhook).fire(alert(), Instant.parse("2026-12-04T10:00:00Z"));

    assertThat(requests).hasValue(3);
  }

  @Test
  void aRefusedDeliveryIsFinal() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    URI webhook = serve(requests, 400, 202);

    assertThatThrownBy(
            () -> new AlertInjector(webhook).fire(alert(), Instant.parse("2026-12-04T10:00:00Z")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("triage refused the alert: HTTP 400");
    assertThat(requests).hasValue(1);
  }

  private URI serve(AtomicInteger requests, int... statuses) throws Exception {
    Deque<Integer> answers = new ArrayDeque<>();
    for (int s : statuses) {
      answers.add(s);
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/alerts/alertmanager",
        exchange -> {
          requests.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          Integer status = answers.size() > 1 ? answers.poll() : answers.peek();
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/alerts/alertmanager");
  }

  private static Alert alert() {
    return new Alert(
        "HighErrorRatio", "critical", Duration.ZERO, Map.of("namespace", "shop"), Map.of());
  }
}
