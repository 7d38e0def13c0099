package io.backstop.escalation.web;

import io.backstop.escalation.EscalationProperties;
import io.backstop.events.codec.EventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The guardrail's own API, for what only the guardrail can answer: its breakers (and their reset,
 * which the guardrail audits as a {@code BreakerReset} naming the person), and the what-if review
 * of a pasted diagnosis through the production review path. The console holds the guardrail's admin
 * token for this; it holds no cluster credential.
 */
final class GuardrailClient {

  /** The guardrail answered with an error, or could not be reached. */
  static final class GuardrailException extends RuntimeException {
    final int status;

    GuardrailException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private final EscalationProperties.Guardrail settings;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  GuardrailClient(EscalationProperties.Guardrail settings) {
    this.settings = settings;
  }

  boolean configured() {
    return settings.configured();
  }

  JsonNode breakers() {
    return send(request("/api/v1/breakers").GET());
  }

  JsonNode reset(String namespace, String operator, String reason) {
    String body =
        EventCodec.mapper().writeValueAsString(Map.of("operator", operator, "reason", reason));
    return send(
        request("/api/v1/breakers/" + namespace + "/reset")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  JsonNode evaluate(String body) {
    return send(
        request("/api/v1/evaluate")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder request(String path) {
    if (!configured()) {
      throw new GuardrailException(
          503, "the guardrail's API is not configured (backstop.escalation.console.guardrail)");
    }
    String base = settings.url().toString().replaceAll("/+$", "");
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + settings.adminToken().strip())
        .header("Accept", "application/json");
  }

  private JsonNode send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body =
          response.body() == null || response.body().isBlank()
              ? EventCodec.mapper().createObjectNode()
              : EventCodec.mapper().readTree(response.body());
      if (response.statusCode() / 100 != 2) {
        String detail = body.path("detail").asString(response.body());
        throw new GuardrailException(
            response.statusCode(),
            "the guardrail answered " + response.statusCode() + ": " + detail);
      }
      return body;
    } catch (IOException e) {
      throw new GuardrailException(502, "the guardrail cannot be reached: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GuardrailException(503, "interrupted while asking the guardrail");
    } catch (tools.jackson.core.JacksonException e) {
      throw new GuardrailException(
          502, "the guardrail's answer is not JSON: " + e.getOriginalMessage());
    }
  }
}
