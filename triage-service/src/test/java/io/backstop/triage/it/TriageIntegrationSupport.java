package io.backstop.triage.it;

import io.backstop.stream.testing.EmbeddedBackstopKafka;
import io.backstop.triage.TriageApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one triage context (real HTTP on a random port, embedded KRaft Kafka, fabric8 mock API
 * server) every integration test shares; each test uses its own namespace or workload so tests do
 * not see each other's incidents.
 */
@SpringBootTest(
    classes = TriageApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.main.banner-mode=off", "backstop.triage.gathering.source-timeout=5s"})
@EmbeddedBackstopKafka
public abstract class TriageIntegrationSupport {

  protected static final Duration WAIT = Duration.ofSeconds(60);

  @LocalServerPort int port;

  @Value("${spring.kafka.bootstrap-servers}")
  protected String bootstrap;

  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void cluster(DynamicPropertyRegistry registry) {
    registry.add("backstop.triage.kubernetes.master-url", MockCluster::url);
    registry.add("backstop.triage.kubernetes.token", () -> "read-only-test-token");
    registry.add("backstop.triage.kubernetes.trust-certs", () -> "true");
  }

  HttpResponse<String> post(String path, String json) {
    return post(path, "application/json", json);
  }

  HttpResponse<String> post(String path, String contentType, String json) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("POST " + path + " failed", e);
    }
  }
}
