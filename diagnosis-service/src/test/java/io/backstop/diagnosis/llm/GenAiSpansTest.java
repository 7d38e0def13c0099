package io.backstop.diagnosis.llm;

import static io.backstop.diagnosis.llm.StubGateway.completion;
import static io.backstop.diagnosis.llm.StubGateway.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.diagnosis.DiagnosisRequest;
import io.backstop.diagnosis.Pricing;
import io.backstop.diagnosis.TargetSpec;
import io.backstop.diagnosis.analyzer.AnalyzerSettings;
import io.backstop.diagnosis.analyzer.OfflineAnalyzer;
import io.backstop.diagnosis.chain.CallBudget;
import io.backstop.diagnosis.chain.ChainResult;
import io.backstop.diagnosis.chain.ChainSettings;
import io.backstop.diagnosis.chain.FallbackChain;
import io.backstop.diagnosis.chain.ModelCallException;
import io.backstop.diagnosis.chain.ModelClient;
import io.backstop.diagnosis.chain.TargetHealth;
import io.backstop.diagnosis.prompt.DiagnosisPrompt;
import io.backstop.diagnosis.telemetry.GenAiSpans;
import io.backstop.events.diagnosis.CallOutcome;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Model calls as GenAI spans (OpenTelemetry {@code gen_ai.*} conventions), made over real HTTP
 * through Spring AI's client against a scripted gateway, exported to an in-memory exporter.
 */
class GenAiSpansTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final Tracer tracer = provider.get("test");
  private StubGateway gateway;

  @BeforeEach
  void startGateway() throws Exception {
    gateway = StubGateway.start();
  }

  @AfterEach
  void stop() {
    gateway.close();
    provider.close();
  }

  @Test
  void aModelCallIsAClientSpanWithTheModelTokensAndFinishReasonUnderTheCurrentSpan() {
    gateway.always("claude-model", completion(Answers.honest(), 2310, 412));
    Span hop = tracer.spanBuilder("backstop.signals.v1 process").startSpan();
    try (Scope ignored = hop.makeCurrent()) {
      GenAiSpans.traced(client("claude", ModelTier.PRIMARY), tracer).complete(prompt());
    } finally {
      hop.end();
    }

    SpanData call = span("chat claude-model");
    assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(call.getParentSpanId()).isEqualTo(hop.getSpanContext().getSpanId());
    assertThat(call.getTraceId()).isEqualTo(hop.getSpanContext().getTraceId());
    var a = call.getAttributes();
    assertThat(a.get(GenAiSpans.OPERATION)).isEqualTo("chat");
    assertThat(a.get(GenAiSpans.PROVIDER)).isEqualTo("openai");
    assertThat(a.get(GenAiSpans.REQUEST_MODEL)).isEqualTo("claude-model");
    assertThat(a.get(GenAiSpans.INPUT_TOKENS)).isEqualTo(2310L);
    assertThat(a.get(GenAiSpans.OUTPUT_TOKENS)).isEqualTo(412L);
    assertThat(a.get(GenAiSpans.FINISH_REASONS)).containsExactly("stop");
    assertThat(a.get(GenAiSpans.TARGET)).isEqualTo("claude");
    assertThat(a.get(GenAiSpans.TIER)).isEqualTo("primary");
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(a.asMap().keySet())
        .as("no prompt or answer text on the span: it holds incident evidence")
        .noneMatch(k -> k.getKey().contains("prompt") || k.getKey().contains("completion"));
  }

  @Test
  void aFailedCallIsAnErrorSpanNamingTheOutcomeAndTheFailureStillReachesTheChain() {
    gateway.always("claude-model", error(429, Map.of("Retry-After", "3")));
    ModelClient traced = GenAiSpans.traced(client("claude", ModelTier.PRIMARY), tracer);

    assertThatThrownBy(() -> traced.complete(prompt()))
        .isInstanceOfSatisfying(
            ModelCallException.class,
            e -> assertThat(e.outcome()).isEqualTo(CallOutcome.RATE_LIMITED));

    SpanData call = span("chat claude-model");
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(call.getAttributes().get(GenAiSpans.ERROR_TYPE)).isEqualTo("RATE_LIMITED");
    assertThat(call.getAttributes().get(GenAiSpans.INPUT_TOKENS)).isNull();
  }

  @Test
  void aFallbackShowsEveryModelCallAsASpanOfTheSameTrace() {
    gateway.always("claude-model", error(401, Map.of()));
    gateway.always("llama-model", completion(Answers.honest(), 100, 50));
    var settings =
        new ChainSettings(
            2, Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofMinutes(5), 2, 2, 50f, 10);
    var clock = new MutableClock(Fixtures.NOW);
    var chain =
        new FallbackChain(
            settings,
            new TargetHealth(settings, clock),
            new OfflineAnalyzer(AnalyzerSettings.defaults()),
            clock);
    Span hop = tracer.spanBuilder("diagnose").startSpan();
    ChainResult result;
    try (Scope ignored = hop.makeCurrent()) {
      result =
          chain.run(
              DiagnosisRequest.first(Signals.badDeploy()),
              List.of(
                  GenAiSpans.traced(client("claude", ModelTier.PRIMARY), tracer),
                  GenAiSpans.traced(client("llama", ModelTier.FALLBACK), tracer)),
              CallBudget.of(8, new BigDecimal("0.50")));
    } finally {
      hop.end();
    }

    assertThat(result.calls()).hasSize(2);
    assertThat(exporter.getFinishedSpanItems())
        .filteredOn(s -> s.getName().startsWith("chat "))
        .extracting(SpanData::getName, s -> s.getAttributes().get(GenAiSpans.ERROR_TYPE))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("chat claude-model", "CLIENT_ERROR"),
            org.assertj.core.groups.Tuple.tuple("chat llama-model", null));
    assertThat(exporter.getFinishedSpanItems())
        .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(hop.getSpanContext().getTraceId()));
  }

  private SpanData span(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no span " + name + " in " + exporter.getFinishedSpanItems()));
  }

  private ModelClient client(String name, ModelTier tier) {
    var pricing = new Pricing(new BigDecimal("0.003"), new BigDecimal("0.015"));
    var spec =
        new TargetSpec(name, name + "-model", tier, 1, Duration.ofSeconds(5), pricing, false);
    return SpringAiModelClient.create(spec, gateway.baseUrl(), "test-key");
  }

  private static DiagnosisPrompt prompt() {
    return new DiagnosisPrompt(
        "You diagnose Kubernetes incidents.", "checkout crash-loops since rev 4");
  }
}
