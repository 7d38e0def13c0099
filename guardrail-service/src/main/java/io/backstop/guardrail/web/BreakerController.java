package io.backstop.guardrail.web;

import io.backstop.events.BreakerReset;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.id.IncidentId;
import io.backstop.guardrail.state.GuardrailState;
import io.backstop.safety.breaker.NamespaceBreaker;
import io.backstop.safety.facts.Names;
import io.backstop.stream.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The breaker admin endpoints (behind the admin token). A reset is an audited {@code BreakerReset}
 * event under incident {@code breaker.<namespace>}, published to the control topic and the audit
 * log, and applied to the state only once it is written.
 */
@RestController
public class BreakerController {

  private final GuardrailState state;
  private final EventPublisher publisher;
  private final Clock clock;

  public BreakerController(GuardrailState state, EventPublisher publisher, Clock clock) {
    this.state = state;
    this.publisher = publisher;
    this.clock = clock;
  }

  @GetMapping("/api/v1/breakers")
  public List<BreakerView> breakers() {
    Instant now = clock.instant();
    return state.breakers().snapshot().stream()
        .map(b -> BreakerView.of(b, now, state.breakers().settings()))
        .toList();
  }

  @PostMapping("/api/v1/breakers/{namespace}/reset")
  public BreakerView reset(@PathVariable String namespace, @RequestBody ResetRequest request) {
    String ns =
        Names.canonical(namespace)
            .orElseThrow(() -> new InvalidRequestException("namespace", "not a namespace name"));
    if (request == null || blank(request.operator())) {
      throw new InvalidRequestException("operator", "who resets the breaker is required");
    }
    if (blank(request.reason())) {
      throw new InvalidRequestException("reason", "why the breaker is reset is required");
    }
    Instant now = clock.instant();
    EventHeader header =
        EventHeader.first(
            IncidentId.of("breaker." + ns),
            "breaker-reset|" + ns + "|" + request.operator() + "|" + now,
            Stage.GUARDRAIL,
            now);
    BreakerReset reset =
        publisher.publish(
            new BreakerReset(header, ns, request.operator().strip(), request.reason().strip()));
    state.apply(reset);
    NamespaceBreaker breaker = state.breakers().of(ns);
    return BreakerView.of(breaker, now, state.breakers().settings());
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  /** Who resets and why; both required. */
  public record ResetRequest(String operator, String reason) {}
}
