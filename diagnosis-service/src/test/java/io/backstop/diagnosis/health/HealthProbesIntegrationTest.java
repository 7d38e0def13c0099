package io.backstop.diagnosis.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.diagnosis.DiagnosisApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A service whose broker dies: liveness stays UP (restarting the pod would not bring the broker
 * back), readiness turns DOWN, and every probe, {@code /actuator/health} included, answers within a
 * second the whole time. The broker is this test's own, so it can be stopped.
 */
class HealthProbesIntegrationTest {

  private static final Duration PROBE_LIMIT = Duration.ofSeconds(1);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @Test
  void livenessStaysUpReadinessGoesDownAndEveryProbeAnswersWithinASecondWhenTheBrokerDies()
      throws Exception {
    EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
    kafka.brokerProperties(
        Map.of(
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "offsets.topic.replication.factor", "1",
            "auto.create.topics.enable", "false"));
    kafka.afterPropertiesSet();
    boolean brokerStopped = false;
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(DiagnosisApplication.class)
            .run(
                "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--server.port=0",
                "--spring.main.banner-mode=off")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      awaitStatus(port, "/actuator/health/readiness", 200, Duration.ofSeconds(60));

      kafka.destroy();
      brokerStopped = true;
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      int readiness = 200;
      while (readiness == 200 && Instant.now().isBefore(deadline)) {
        assertThat(probe(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
        readiness = probe(port, "/actuator/health/readiness").statusCode();
        probe(port, "/actuator/health");
        Thread.sleep(500);
      }

      assertThat(readiness).as("readiness once the broker is gone").isEqualTo(503);
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> live = probe(port, "/actuator/health/liveness");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"UP\"");
        assertThat(probe(port, "/actuator/health/readiness").body()).contains("\"DOWN\"");
        assertThat(probe(port, "/actuator/health").statusCode()).isEqualTo(503);
      }
    } finally {
      if (!brokerStopped) {
        kafka.destroy();
      }
    }
  }

  /** One probe, which must answer within a second: a slower answer fails the test. */
  private HttpResponse<String> probe(int port, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(PROBE_LIMIT)
            .build();
    long started = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).as(path + " answered in " + took).isLessThan(PROBE_LIMIT);
    return response;
  }

  private void awaitStatus(int port, String path, int status, Duration within) throws Exception {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == status) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // starting
      }
      Thread.sleep(250);
    }
    throw new AssertionError(path + " did not answer " + status + " within " + within);
  }
}
