package io.backstop.diagnosis.telemetry;

import io.backstop.diagnosis.TargetSpec;
import io.backstop.diagnosis.chain.ModelCallException;
import io.backstop.diagnosis.chain.ModelClient;
import io.backstop.diagnosis.chain.RawAnswer;
import io.backstop.diagnosis.prompt.DiagnosisPrompt;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Locale;

/**
 * Each model call as one OpenTelemetry CLIENT span in the GenAI semantic conventions ({@code
 * gen_ai.*}): span name {@code chat <model>}, the operation, the provider API, the requested model,
 * the tokens used and the finish reason, or {@code error.type} (the call's outcome: RATE_LIMITED,
 * TIMEOUT, ...) when it failed; plus which Backstop target and tier made it. The span is a child of
 * whatever span is current (the Kafka consumer's span of the incident's hop, under the Java agent),
 * so a trace of one incident shows its model calls. No prompt or answer text is recorded: it holds
 * incident evidence.
 */
public final class GenAiSpans {

  public static final AttributeKey<String> OPERATION =
      AttributeKey.stringKey("gen_ai.operation.name");
  public static final AttributeKey<String> PROVIDER =
      AttributeKey.stringKey("gen_ai.provider.name");
  public static final AttributeKey<String> REQUEST_MODEL =
      AttributeKey.stringKey("gen_ai.request.model");
  public static final AttributeKey<Double> REQUEST_TEMPERATURE =
      AttributeKey.doubleKey("gen_ai.request.temperature");
  public static final AttributeKey<Long> INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.input_tokens");
  public static final AttributeKey<Long> OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");
  public static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  public static final AttributeKey<String> TARGET = AttributeKey.stringKey("backstop.model.target");
  public static final AttributeKey<String> TIER = AttributeKey.stringKey("backstop.model.tier");

  /** The gateway speaks the OpenAI chat completions API, whatever model serves behind it. */
  static final String PROVIDER_API = "openai";

  static final String INSTRUMENTATION = "io.backstop.diagnosis";

  private GenAiSpans() {}

  /** {@code client} with a span per call, on the process's OpenTelemetry (the agent's, or none). */
  public static ModelClient traced(ModelClient client) {
    return traced(client, GlobalOpenTelemetry.getTracer(INSTRUMENTATION));
  }

  public static ModelClient traced(ModelClient client, Tracer tracer) {
    return new Traced(client, tracer);
  }

  private record Traced(ModelClient delegate, Tracer tracer) implements ModelClient {

    @Override
    public TargetSpec target() {
      return delegate.target();
    }

    @Override
    public RawAnswer complete(DiagnosisPrompt prompt) {
      TargetSpec target = delegate.target();
      Span span =
          tracer
              .spanBuilder("chat " + target.model())
              .setSpanKind(SpanKind.CLIENT)
              .setAttribute(OPERATION, "chat")
              .setAttribute(PROVIDER, PROVIDER_API)
              .setAttribute(REQUEST_MODEL, target.model())
              .setAttribute(REQUEST_TEMPERATURE, 0.0)
              .setAttribute(TARGET, target.name())
              .setAttribute(TIER, target.tier().name().toLowerCase(Locale.ROOT))
              .startSpan();
      try (Scope ignored = span.makeCurrent()) {
        RawAnswer answer = delegate.complete(prompt);
        span.setAttribute(INPUT_TOKENS, answer.inputTokens());
        span.setAttribute(OUTPUT_TOKENS, answer.outputTokens());
        if (!answer.finishReason().isEmpty()) {
          span.setAttribute(FINISH_REASONS, List.of(answer.finishReason()));
        }
        return answer;
      } catch (ModelCallException e) {
        span.setAttribute(ERROR_TYPE, e.outcome().name());
        span.setStatus(StatusCode.ERROR, e.outcome().name());
        throw e;
      } catch (RuntimeException e) {
        span.setAttribute(ERROR_TYPE, e.getClass().getName());
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
        throw e;
      } finally {
        span.end();
      }
    }
  }
}
