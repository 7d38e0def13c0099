package io.backstop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Alertmanager deliveries posted to triage's webhook by several senders at once (Alertmanager
 * itself sends concurrently per receiver group). Counts a delivery only when triage answered 202,
 * that is once its alerts are committed to Kafka; anything else is reported as refused.
 */
final class WebhookLoad {

  record Result(int deliveries, int alertsPerDelivery, double deliveriesPerSecond, int refused) {
    double alertsPerSecond() {
      return deliveriesPerSecond * alertsPerDelivery;
    }
  }

  private final URI webhook;
  private final String namespace;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  WebhookLoad(URI webhook, String namespace) {
    this.webhook = webhook;
    this.namespace = namespace;
  }

  Result run(int deliveries, int alertsPerDelivery, int senders, int causes) {
    String run = UUID.randomUUID().toString().substring(0, 6);
    Instant startsAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<byte[]> bodies = new ArrayList<>();
    for (int d = 0; d < deliveries; d++) {
      Map<String, String> labels =
          BenchAlerts.labels(namespace, "hook-" + run + "-" + (d % causes));
      int delivery = d;
      List<String> fingerprints =
          IntStream.range(0, alertsPerDelivery)
              .mapToObj(a -> "hook-" + run + "-" + delivery + "-" + a)
              .toList();
      bodies.add(BenchAlerts.webhook(labels, fingerprints, startsAt));
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < deliveries; i = next.getAndIncrement()) {
                    if (!post(bodies.get(i))) {
                      refused.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("webhook load failed: " + e, e);
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(deliveries, alertsPerDelivery, deliveries / seconds, refused.get());
  }

  private boolean post(byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(webhook)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 202;
    } catch (Exception e) {
      return false;
    }
  }
}
