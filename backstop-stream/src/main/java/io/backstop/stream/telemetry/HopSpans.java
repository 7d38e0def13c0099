package io.backstop.stream.telemetry;

import io.backstop.events.Topics;
import io.backstop.stream.publish.CloudEventHeaders;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * One OpenTelemetry span per hop, linked across Kafka: a consumer's handling of one stage record is
 * a CONSUMER span {@code process <topic>} whose parent is the span that published the record (W3C
 * {@code traceparent}/{@code tracestate} in the record's headers), and every stage record a hop
 * publishes carries the current span's context ({@link #inject}). So a trace of one incident runs
 * alert, triage, diagnosis (with its model calls as GenAI spans), guardrail, executor and the
 * outcome's readers, parent to child.
 *
 * <p>On the process's OpenTelemetry ({@link GlobalOpenTelemetry}): in a pod the Java agent's, which
 * exports to the collector; without it every call here is a no-op (no span, no header). The audit
 * topic is a record of every hop, not a hop: reading it starts no span, and its records carry no
 * context. Span attributes follow the messaging conventions ({@code messaging.*}) plus the incident
 * (the record's CloudEvents subject) and the Backstop service that handled the hop; no payload is
 * recorded.
 */
public final class HopSpans {

  public static final String INSTRUMENTATION = "io.backstop.stream";

  public static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  public static final AttributeKey<String> OPERATION =
      AttributeKey.stringKey("messaging.operation.name");
  public static final AttributeKey<String> OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");
  public static final AttributeKey<String> DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");
  public static final AttributeKey<String> GROUP =
      AttributeKey.stringKey("messaging.consumer.group.name");
  public static final AttributeKey<String> PARTITION =
      AttributeKey.stringKey("messaging.destination.partition.id");
  public static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
  public static final AttributeKey<String> KEY =
      AttributeKey.stringKey("messaging.kafka.message.key");
  public static final AttributeKey<String> INCIDENT =
      AttributeKey.stringKey("backstop.incident.id");
  public static final AttributeKey<String> SERVICE = AttributeKey.stringKey("backstop.service");
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private final String service;

  public HopSpans(String service) {
    this.service = service;
  }

  /**
   * Runs {@code hop} on {@code message} (one stage record as the binder delivers it) inside its
   * span, the current span while it runs; a hop that throws marks the span failed and rethrows.
   */
  public <T> T around(Message<?> message, Supplier<T> hop) {
    String topic = text(message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC));
    if (topic == null || Topics.AUDIT.equals(topic)) {
      return hop.get();
    }
    OpenTelemetry otel = GlobalOpenTelemetry.get();
    Context parent =
        otel.getPropagators()
            .getTextMapPropagator()
            .extract(Context.root(), message.getHeaders(), HEADERS);
    SpanBuilder builder =
        otel.getTracer(INSTRUMENTATION)
            .spanBuilder("process " + topic)
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute(SYSTEM, "kafka")
            .setAttribute(OPERATION, "process")
            .setAttribute(OPERATION_TYPE, "process")
            .setAttribute(DESTINATION, topic)
            .setAttribute(SERVICE, service);
    String group = text(message.getHeaders().get(KafkaHeaders.GROUP_ID));
    if (group != null) {
      builder.setAttribute(GROUP, group);
    }
    Object partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
    if (partition != null) {
      builder.setAttribute(PARTITION, partition.toString());
    }
    if (message.getHeaders().get(KafkaHeaders.OFFSET) instanceof Long offset) {
      builder.setAttribute(OFFSET, offset);
    }
    String key = text(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY));
    if (key != null) {
      builder.setAttribute(KEY, key);
    }
    String incident = text(message.getHeaders().get(CloudEventHeaders.SUBJECT));
    if (incident != null) {
      builder.setAttribute(INCIDENT, incident);
    }
    Span span = builder.startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return hop.get();
    } catch (RuntimeException | Error e) {
      span.setAttribute(ERROR_TYPE, e.getClass().getName());
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }

  /** {@link #around(Message, Supplier)} for a hop that returns nothing. */
  public void around(Message<?> message, Runnable hop) {
    around(
        message,
        () -> {
          hop.run();
          return null;
        });
  }

  /**
   * The current span's context as record headers ({@code traceparent}, and {@code tracestate} when
   * there is one), added to {@code headers}; nothing without a span or an OpenTelemetry.
   */
  public static void inject(List<Header> headers) {
    GlobalOpenTelemetry.getPropagators()
        .getTextMapPropagator()
        .inject(Context.current(), headers, SETTER);
  }

  private static final TextMapSetter<List<Header>> SETTER =
      (headers, key, value) -> {
        if (headers != null) {
          headers.removeIf(h -> h.key().equals(key));
          headers.add(new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8)));
        }
      };

  private static final TextMapGetter<MessageHeaders> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MessageHeaders carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(MessageHeaders carrier, String key) {
          return carrier == null ? null : text(carrier.get(key));
        }
      };

  /** A header as text: the binder hands raw Kafka headers over as bytes, mapped ones as strings. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return value.toString();
  }
}
