package io.backstop.stack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until Prometheus has scraped its targets at least once ({@code up == 1}), so the stack is
 * not called ready while every query would still answer "no data". Past the deadline the stack goes
 * on: triage then reports metrics as missing, never invents them.
 */
final class FirstScrape {

  private FirstScrape() {}

  static boolean await(URI prometheus, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI query =
        prometheus.resolve(
            "/api/v1/query?query=" + URLEncoder.encode("up == 1", StandardCharsets.UTF_8));
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(query).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"value\"")) {
          return true;
        }
      } catch (IOException e) {
        // not answering yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
