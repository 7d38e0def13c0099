package io.backstop.escalation.web;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The breakers over the API: read (viewer), reset with a reason (admin, named as the operator). */
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@RestController
public class BreakerApi {

  private final GuardrailClient guardrail;

  BreakerApi(GuardrailClient guardrail) {
    this.guardrail = guardrail;
  }

  /** A reset's body. */
  public record ResetRequest(String reason) {}

  @GetMapping("/api/v1/breakers")
  ResponseEntity<?> breakers() {
    try {
      return ResponseEntity.ok(guardrail.breakers());
    } catch (GuardrailClient.GuardrailException e) {
      return ResponseEntity.status(e.status)
          .body(Map.of("status", e.status, "detail", e.getMessage()));
    }
  }

  @PostMapping("/api/v1/breakers/{namespace}/reset")
  ResponseEntity<?> reset(
      @PathVariable String namespace,
      @RequestBody(required = false) ResetRequest body,
      Authentication who) {
    if (body == null || body.reason() == null || body.reason().isBlank()) {
      return ResponseEntity.badRequest()
          .body(Map.of("status", 400, "detail", "a reason is required"));
    }
    try {
      JsonNode after = guardrail.reset(namespace, who.getName(), body.reason().strip());
      return ResponseEntity.ok(after);
    } catch (GuardrailClient.GuardrailException e) {
      return ResponseEntity.status(e.status)
          .body(Map.of("status", e.status, "detail", e.getMessage()));
    }
  }
}
