package io.backstop.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Waits for a separately started service's health endpoint to say UP, within a deadline. */
final class HealthWait {

  private HealthWait() {}

  static void untilUp(
      String name,
      int port,
      Duration timeout,
      Path log,
      java.util.function.BooleanSupplier stopped) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (stopped.getAsBoolean()) {
        throw new LocalStack.StoppedWhileStarting();
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackStartException(name, log, e);
      }
      sleep();
    }
    throw new StackStartException(
        name, log, new IllegalStateException("not healthy within " + timeout.toSeconds() + "s"));
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
