package io.backstop.stack.chaos;

import io.backstop.stack.LocalStack;
import io.backstop.stack.services.RunningService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks every running service's liveness probe, with the one-second answer the issue asks of it: a
 * service that crash-looped or hung on a fault shows here.
 */
final class Liveness {

  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(ANSWER_WITHIN).build();

  /**
   * The services whose liveness did not answer UP within a second at any of three asks (empty: all
   * live). Three, because on a loaded machine one slow answer is not a dead service; a crashed or
   * hung one fails all three.
   */
  List<String> notLive(LocalStack stack) {
    List<String> down = new ArrayList<>();
    for (RunningService service : stack.services()) {
      String failure = null;
      for (int ask = 0; ask < 3; ask++) {
        failure = ask(service);
        if (failure == null) {
          break;
        }
      }
      if (failure != null) {
        down.add(failure);
      }
    }
    return down;
  }

  /** Null when the service answered UP within a second, else what it did. */
  private String ask(RunningService service) {
    URI probe = URI.create("http://127.0.0.1:" + service.port() + "/actuator/health/liveness");
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(probe).timeout(ANSWER_WITHIN).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 || !response.body().contains("\"UP\"")) {
        return service.name() + " (HTTP " + response.statusCode() + ")";
      }
      return null;
    } catch (IOException e) {
      return service.name() + " (" + e.getClass().getSimpleName() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChaosException("interrupted asking " + service.name() + " for its liveness");
    }
  }

  static String summary(LocalStack stack, List<String> down) {
    return down.isEmpty()
        ? stack.services().size() + "/" + stack.services().size() + " services live"
        : "not live: " + String.join(", ", down);
  }
}
