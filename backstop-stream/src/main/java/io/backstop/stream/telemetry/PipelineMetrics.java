package io.backstop.stream.telemetry;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.diagnosis.ModelCall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;

/**
 * The pipeline's meters, counted from the events a service emits, so every service reports the same
 * way and nothing is counted twice across services (each event has one emitter). Names as they
 * reach Prometheus ({@code .} becomes {@code _}, counters end in {@code _total}):
 *
 * <ul>
 *   <li>{@value #EVENTS} by event {@code type}: everything emitted.
 *   <li>{@value #INCIDENTS} by {@code namespace}: incidents triage gathered signals for.
 *   <li>{@value #VERDICTS} by {@code gate}, {@code policy} and {@code outcome}: every policy
 *       verdict on an approval, a rejection or an escalation.
 *   <li>{@value #MODEL_CALLS} by {@code target}, {@code model}, {@code tier}, {@code outcome};
 *       {@value #MODEL_LATENCY} (timer, with histogram buckets), {@value #MODEL_TOKENS} by {@code
 *       type} (input, output) and {@value #MODEL_COST} in US dollars, each by target and model.
 *   <li>{@value #APPROVALS} by {@code action} and {@code namespace}; {@value #WRITES} by {@code
 *       action}, {@code namespace} and {@code status} (the executor's outcomes).
 *   <li>{@value #ESCALATIONS} by {@code reason}; a {@code BREAKER_OPEN} reason is a breaker trip.
 * </ul>
 *
 * Counted when the event is handed to the transactional publisher: an aborted transaction that is
 * redelivered counts again, so these are operational figures, never the record (the audit log is).
 */
public final class PipelineMetrics {

  public static final String EVENTS = "backstop.events.emitted";
  public static final String INCIDENTS = "backstop.incidents";
  public static final String VERDICTS = "backstop.verdicts";
  public static final String MODEL_CALLS = "backstop.model.calls";
  public static final String MODEL_LATENCY = "backstop.model.latency";
  public static final String MODEL_TOKENS = "backstop.model.tokens";
  public static final String MODEL_COST = "backstop.model.cost.usd";
  public static final String APPROVALS = "backstop.actions.approved";
  public static final String WRITES = "backstop.writes";
  public static final String ESCALATIONS = "backstop.escalations";

  private final MeterRegistry registry;

  public PipelineMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void emitted(IncidentEvent event) {
    counter(EVENTS, "Events emitted, by type", "type", event.getClass().getSimpleName())
        .increment();
    if (event instanceof SignalsGathered s) {
      counter(INCIDENTS, "Incidents gathered by triage", "namespace", s.target().namespace())
          .increment();
    } else if (event instanceof DiagnosisProposed d) {
      d.calls().forEach(this::modelCall);
    } else if (event instanceof DiagnosisRejected r) {
      verdicts(r.failures());
    } else if (event instanceof ActionApproved a) {
      verdicts(a.verdicts());
      counter(
              APPROVALS,
              "Actions the guardrail approved",
              "action",
              a.action().type().name(),
              "namespace",
              a.action().target().namespace())
          .increment();
    } else if (event instanceof ActionExecuted x) {
      counter(
              WRITES,
              "The executor's outcomes, by status",
              "action",
              x.action().type().name(),
              "namespace",
              x.action().target().namespace(),
              "status",
              x.status().name())
          .increment();
    } else if (event instanceof Escalated e) {
      verdicts(e.verdicts());
      counter(ESCALATIONS, "Escalations to a human, by reason", "reason", e.reason().name())
          .increment();
    }
  }

  private void verdicts(List<PolicyVerdict> verdicts) {
    for (PolicyVerdict v : verdicts) {
      counter(
              VERDICTS,
              "Policy verdicts",
              "gate",
              v.gate(),
              "policy",
              v.policyId(),
              "outcome",
              v.outcome().name())
          .increment();
    }
  }

  private void modelCall(ModelCall call) {
    String model = call.model() == null || call.model().isBlank() ? call.target() : call.model();
    counter(
            MODEL_CALLS,
            "Model calls, by outcome",
            "target",
            call.target(),
            "model",
            model,
            "tier",
            call.tier().name(),
            "outcome",
            call.outcome().name())
        .increment();
    Timer.builder(MODEL_LATENCY)
        .description("Model call latency")
        .tags("target", call.target(), "model", model)
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofMillis(call.latencyMillis()));
    counter(MODEL_TOKENS, "Model tokens", "target", call.target(), "model", model, "type", "input")
        .increment(call.inputTokens());
    counter(MODEL_TOKENS, "Model tokens", "target", call.target(), "model", model, "type", "output")
        .increment(call.outputTokens());
    counter(MODEL_COST, "Model cost in US dollars", "target", call.target(), "model", model)
        .increment(call.costUsd().doubleValue());
  }

  private Counter counter(String name, String description, String... tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }
}
