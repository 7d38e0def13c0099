package io.backstop.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.diagnosis.telemetry.GenAiSpans;
import io.backstop.events.Topics;
import io.backstop.localkafka.StackHome;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stack.scenario.ScenarioResult;
import io.backstop.stack.scenario.ScenarioRunner;
import io.backstop.stream.telemetry.HopSpans;
import io.backstop.stream.testing.InMemoryTracing;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One incident's trace through the whole stack (one scenario, one stack): every hop a span, linked
 * across Kafka by the trace context its records carry, and the model calls as GenAI spans under
 * diagnosis's hop, exported to an in-process exporter as the Java agent would export them to a
 * collector. bad-deploy-hallucinated-sha: the guardrail rejects the primary model's answer, the
 * strong tier's rollback is approved, written and verified, so every stage, the rejection's round
 * trip and the model calls of both tiers show.
 */
class IncidentTraceIntegrationTest {

  @Test
  void aTraceOfOneIncidentHasASpanPerHopAndTheModelCallsUnderDiagnosis() {
    List<SpanData> spans;
    ScenarioResult result;
    try (InMemoryTracing tracing = InMemoryTracing.install()) {
      StackOptions options =
          new StackOptions(
              new StackHome(Path.of("target", "trace-" + System.nanoTime())),
              TestPorts.freeBase(),
              ScenarioLoader.loadResource("bad-deploy-hallucinated-sha.yaml"),
              false,
              StackOptions.Prometheus.QUERIES_ONLY,
              StackOptions.testTiming());
      try (LocalStack stack = LocalStack.start(options, line -> {})) {
        result = new ScenarioRunner(stack, ScenarioRunner.RunOptions.forTests()).run();
      }
      spans = List.copyOf(tracing.spans());
    }
    assertThat(result.failures()).isEmpty();

    SpanData executor = hop(spans, result.incidentId(), Topics.ACTIONS, "executor-service");
    List<SpanData> trace =
        spans.stream().filter(s -> s.getTraceId().equals(executor.getTraceId())).toList();
    Map<String, SpanData> byId =
        trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));

    // Each hop the child of the one that fed it: triage admits and gathers (its own span: the
    // admission's hop ends when it commits, the gathering goes on), diagnosis asks the primary
    // model,
    // the guardrail rejects the hallucinated SHA, diagnosis asks the strong tier again, the
    // guardrail approves, the executor writes.
    List<SpanData> chain = new ArrayList<>();
    for (SpanData s = executor; s != null; s = byId.get(s.getParentSpanId())) {
      chain.add(s);
    }
    Collections.reverse(chain);
    assertThat(chain)
        .extracting(s -> s.getName() + " @ " + s.getAttributes().get(HopSpans.SERVICE))
        .containsExactly(
            "process " + Topics.ALERTS + " @ triage-service",
            "gather signals @ null",
            "process " + Topics.SIGNALS + " @ diagnosis-service",
            "process " + Topics.DIAGNOSES + " @ guardrail-service",
            "process " + Topics.DIAGNOSIS_REJECTIONS + " @ diagnosis-service",
            "process " + Topics.DIAGNOSES + " @ guardrail-service",
            "process " + Topics.ACTIONS + " @ executor-service");
    assertThat(chain.get(0).getParentSpanContext().isValid())
        .as("the admission is the trace's root: the alert came over HTTP, untraced here")
        .isFalse();
    assertThat(chain)
        .filteredOn(s -> s.getName().startsWith("process "))
        .hasSize(6)
        .allSatisfy(s -> assertThat(s.getKind()).isEqualTo(SpanKind.CONSUMER));
    assertThat(chain.subList(1, chain.size()))
        .as("after the admission, every hop names the incident triage opened for the alert")
        .allSatisfy(
            s ->
                assertThat(s.getAttributes().get(HopSpans.INCIDENT))
                    .isEqualTo(result.incidentId()));
    assertThat(chain.get(0).getAttributes().get(HopSpans.GROUP)).isEqualTo("triage-service");

    // The model calls: GenAI client spans, children of diagnosis's hops; the first diagnosis asked
    // the primary tier, the second (after the rejection) the strong tier.
    SpanData firstDiagnosis = chain.get(2);
    SpanData secondDiagnosis = chain.get(4);
    List<SpanData> calls =
        trace.stream().filter(s -> s.getAttributes().get(GenAiSpans.OPERATION) != null).toList();
    assertThat(calls)
        .allSatisfy(
            c -> {
              assertThat(c.getParentSpanId())
                  .isIn(firstDiagnosis.getSpanId(), secondDiagnosis.getSpanId());
              assertThat(c.getKind()).isEqualTo(SpanKind.CLIENT);
              assertThat(c.getAttributes().get(GenAiSpans.OPERATION)).isEqualTo("chat");
              assertThat(c.getAttributes().get(GenAiSpans.PROVIDER)).isEqualTo("openai");
              assertThat(c.getName())
                  .isEqualTo("chat " + c.getAttributes().get(GenAiSpans.REQUEST_MODEL));
            });
    assertThat(calls)
        .filteredOn(c -> c.getParentSpanId().equals(firstDiagnosis.getSpanId()))
        .extracting(c -> c.getAttributes().get(GenAiSpans.TIER))
        .contains("primary");
    assertThat(calls)
        .filteredOn(c -> c.getParentSpanId().equals(secondDiagnosis.getSpanId()))
        .as("the strong tier's answer, with its tokens and finish reason")
        .anySatisfy(
            c -> {
              assertThat(c.getAttributes().get(GenAiSpans.TIER)).isEqualTo("strong");
              assertThat(c.getAttributes().get(GenAiSpans.INPUT_TOKENS)).isPositive();
              assertThat(c.getAttributes().get(GenAiSpans.OUTPUT_TOKENS)).isPositive();
              assertThat(c.getAttributes().get(GenAiSpans.FINISH_REASONS)).isNotEmpty();
            });

    // One span per hop: each record handled once by each group, nothing but hops, the one
    // gathering and model calls (the audit log's readers are not hops).
    assertThat(trace).filteredOn(s -> s.getName().equals("gather signals")).hasSize(1);
    assertThat(trace)
        .filteredOn(s -> s.getAttributes().get(GenAiSpans.OPERATION) == null)
        .filteredOn(s -> !s.getName().equals("gather signals"))
        .allSatisfy(s -> assertThat(s.getName()).startsWith("process backstop."))
        .allSatisfy(s -> assertThat(s.getName()).isNotEqualTo("process " + Topics.AUDIT))
        .extracting(
            s ->
                s.getName()
                    + "/"
                    + s.getAttributes().get(HopSpans.PARTITION)
                    + "@"
                    + s.getAttributes().get(HopSpans.OFFSET)
                    + " by "
                    + s.getAttributes().get(HopSpans.GROUP))
        .doesNotHaveDuplicates();
  }

  private static SpanData hop(List<SpanData> spans, String incident, String topic, String service) {
    List<SpanData> hops =
        spans.stream()
            .filter(s -> s.getName().equals("process " + topic))
            .filter(s -> service.equals(s.getAttributes().get(HopSpans.SERVICE)))
            .filter(s -> incident.equals(s.getAttributes().get(HopSpans.INCIDENT)))
            .toList();
    assertThat(hops).as("%s's span of %s for %s", service, topic, incident).hasSize(1);
    return hops.get(0);
  }
}
