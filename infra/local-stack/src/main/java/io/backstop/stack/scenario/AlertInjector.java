package io.backstop.stack.scenario;

import io.backstop.events.codec.EventCodec;
import io.backstop.scenario.Alert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends a scenario's alert to triage exactly as Alertmanager does: a version-4 webhook delivery to
 * {@code /api/v1/alerts/alertmanager}, firing at the start of a run and resolved at its end.
 */
public final class AlertInjector {

  /** Alertmanager's default webhook timeout. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Attempts per delivery, waiting 1, 2, 4 and 8 s between them. */
  static final int ATTEMPTS = 5;

  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI webhook;

  public AlertInjector(URI webhook) {
    this.webhook = webhook;
  }

  /** The alert as it was sent, so the run can find its incident and resolve it later. */
  public record Sent(String fingerprint, Instant startsAt, Map<String, String> labels) {}

  public Sent fire(Alert alert, Instant startsAt) {
    Map<String, String> labels = new TreeMap<>(alert.labels());
    labels.put("alertname", alert.alertname());
    labels.putIfAbsent("severity", alert.severity());
    Sent sent = new Sent(fingerprint(labels), startsAt, labels);
    post(payload("firing", alert, sent, null));
    return sent;
  }

  public void resolve(Alert alert, Sent sent, Instant endsAt) {
    post(payload("resolved", alert, sent, endsAt));
  }

  private static Map<String, Object> payload(
      String status, Alert alert, Sent sent, Instant endsAt) {
    Map<String, Object> one = new TreeMap<>();
    one.put("status", status);
    one.put("labels", sent.labels());
    one.put("annotations", alert.annotations());
    one.put("startsAt", sent.startsAt().toString());
    one.put("endsAt", endsAt == null ? "0001-01-01T00:00:00Z" : endsAt.toString());
    one.put("generatorURL", "http://127.0.0.1/backstop/scenario");
    one.put("fingerprint", sent.fingerprint());
    Map<String, Object> body = new TreeMap<>();
    body.put("version", "4");
    body.put("status", status);
    body.put("receiver", "backstop");
    body.put("groupKey", "{}:{alertname=\"" + alert.alertname() + "\"}");
    body.put("truncatedAlerts", 0);
    body.put("groupLabels", Map.of("alertname", alert.alertname()));
    body.put("commonLabels", sent.labels());
    body.put("commonAnnotations", alert.annotations());
    body.put("externalURL", "http://127.0.0.1/alertmanager");
    body.put("alerts", List.of(one));
    return body;
  }

  private void post(Map<String, Object> body) {
    HttpRequest request =
        HttpRequest.newBuilder(webhook)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(EventCodec.mapper().writeValueAsString(body)))
            .build();
    // As Alertmanager does: a delivery that timed out or got a 5xx is sent again (triage answers
    // 503 while Kafka is slow, and a sender's retry carries the same alert, which admission counts
    // once); a 4xx is the delivery's fault and final.
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      String failure;
      Exception cause = null;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          return;
        }
        failure = "HTTP " + status + " " + response.body();
        if (status / 100 != 5) {
          throw new IllegalStateException("triage refused the alert: " + failure);
        }
      } catch (IOException e) {
        failure = e.toString();
        cause = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while sending the alert", e);
      }
      if (attempt == ATTEMPTS) {
        throw new IllegalStateException(
            "cannot reach triage at " + webhook + " after " + ATTEMPTS + " attempts: " + failure,
            cause);
      }
      pause(backoff);
      backoff = backoff.multipliedBy(2);
    }
  }

  private static void pause(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending the alert", e);
    }
  }

  /** Like Alertmanager's: a hash of the label set. */
  public static String fingerprint(Map<String, String> labels) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      new TreeMap<>(labels)
          .forEach((k, v) -> sha.update((k + "=" + v + ";").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
