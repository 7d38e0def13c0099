package io.backstop.cli.approvals;

import io.backstop.events.codec.EventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The console's JSON API with a bearer token; a refusal comes back as its status and detail. */
final class ConsoleClient {

  /** The console could not be asked, or we could not say who we are. */
  static final class ConsoleException extends RuntimeException {
    ConsoleException(String message) {
      super(message);
    }
  }

  /** What the console answered. */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status / 100 == 2;
    }

    String detail() {
      return body.path("detail").asString(body.toString());
    }
  }

  private final URI base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ConsoleClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  Answer get(String path) {
    return send(request(path).GET());
  }

  Answer post(String path, Map<String, Object> body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(EventCodec.mapper().writeValueAsString(body))));
  }

  URI base() {
    return base;
  }

  private HttpRequest.Builder request(String path) {
    String root = base.toString().replaceAll("/+$", "");
    return HttpRequest.newBuilder(URI.create(root + path))
        .timeout(Duration.ofSeconds(15))
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + token);
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body() == null ? "" : response.body();
      JsonNode body;
      try {
        body =
            text.isBlank()
                ? EventCodec.mapper().createObjectNode()
                : EventCodec.mapper().readTree(text);
      } catch (tools.jackson.core.JacksonException e) {
        body = EventCodec.mapper().createObjectNode().put("detail", text);
      }
      return new Answer(response.statusCode(), body);
    } catch (IOException e) {
      throw new ConsoleException("cannot reach the console at " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConsoleException("interrupted");
    }
  }
}
