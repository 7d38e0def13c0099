package io.backstop.stream.testing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/**
 * The process's OpenTelemetry for a test, as the Java agent is in a pod: an SDK with W3C trace
 * context propagation whose spans go to an in-process exporter the test reads. {@link #install()}
 * replaces whatever the JVM's {@link GlobalOpenTelemetry} was (a no-op once anything asked for it);
 * {@link #close()} puts it back to unset. Install it before the code under test builds its tracers.
 * Code running beside the test in the same JVM (test classes run side by side) reports its spans
 * here too while it is installed: select the spans of the test's own trace or incident.
 */
public final class InMemoryTracing implements AutoCloseable {

  private final InMemorySpanExporter exporter;
  private final OpenTelemetrySdk sdk;

  private InMemoryTracing(InMemorySpanExporter exporter, OpenTelemetrySdk sdk) {
    this.exporter = exporter;
    this.sdk = sdk;
  }

  public static InMemoryTracing install() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    // Code running beside the test (another test class's stack) may ask for the global between
    // the reset and the set, which fixes it to a no-op: reset and set again.
    for (int attempt = 1; ; attempt++) {
      GlobalOpenTelemetry.resetForTest();
      try {
        GlobalOpenTelemetry.set(sdk);
        return new InMemoryTracing(exporter, sdk);
      } catch (IllegalStateException raced) {
        if (attempt == 10) {
          throw raced;
        }
      }
    }
  }

  /** Every span ended so far. */
  public List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }

  /** The ended spans of one trace. */
  public List<SpanData> trace(String traceId) {
    return spans().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
  }

  @Override
  public void close() {
    GlobalOpenTelemetry.resetForTest();
    sdk.close();
  }
}
