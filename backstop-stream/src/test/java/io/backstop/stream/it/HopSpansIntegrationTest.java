package io.backstop.stream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.AlertReceived;
import io.backstop.events.Topics;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.telemetry.HopSpans;
import io.backstop.stream.testing.InMemoryTracing;
import io.backstop.stream.testing.TopicProbe;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * A hop's span over a real broker: the function bean's handling of a record is a CONSUMER span
 * whose parent is the span that published the record (W3C {@code traceparent} in its headers), and
 * what the hop publishes on its stage topic carries the hop's own span to the next hop; the audit
 * copy carries none. A failing hop's span says it failed.
 */
@StreamIntegration
class HopSpansIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static InMemoryTracing tracing;

  @Autowired EventPublisher publisher;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @BeforeAll
  static void installTracing() {
    tracing = InMemoryTracing.install();
  }

  @AfterAll
  static void removeTracing() {
    tracing.close();
  }

  @Test
  void theHopIsAChildOfThePublishersSpanAndItsOutputCarriesTheHopOn() {
    AlertReceived alert = TestAlerts.alert("trace-hop");
    Span upstream = GlobalOpenTelemetry.getTracer("test").spanBuilder("intake").startSpan();
    try (Scope ignored = upstream.makeCurrent()) {
      publisher.forward(alert);
    } finally {
      upstream.end();
    }

    try (var probe = TopicProbe.connect(bootstrap)) {
      ConsumerRecord<String, byte[]> out = one(probe, Topics.ESCALATIONS, "trace-hop");
      SpanData hop = hopOf("trace-hop");
      assertThat(hop.getName()).isEqualTo("process " + Topics.ALERTS);
      assertThat(hop.getKind()).isEqualTo(SpanKind.CONSUMER);
      assertThat(hop.getTraceId()).isEqualTo(upstream.getSpanContext().getTraceId());
      assertThat(hop.getParentSpanId()).isEqualTo(upstream.getSpanContext().getSpanId());
      var a = hop.getAttributes();
      assertThat(a.get(HopSpans.SYSTEM)).isEqualTo("kafka");
      assertThat(a.get(HopSpans.DESTINATION)).isEqualTo(Topics.ALERTS);
      assertThat(a.get(HopSpans.GROUP)).isEqualTo("stream-test");
      assertThat(a.get(HopSpans.SERVICE)).isEqualTo("stream-test");
      assertThat(a.get(HopSpans.OFFSET)).isNotNull();
      assertThat(a.get(HopSpans.INCIDENT)).as("the CloudEvents subject").isEqualTo("trace-hop");
      assertThat(hop.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);

      assertThat(TopicProbe.header(out, "traceparent"))
          .startsWith("00-" + hop.getTraceId() + "-" + hop.getSpanId() + "-");
      ConsumerRecord<String, byte[]> audit =
          probe
              .readUntil(Topics.AUDIT, rs -> rs.stream().anyMatch(this::escalationOf), WAIT)
              .stream()
              .filter(this::escalationOf)
              .findFirst()
              .orElseThrow();
      assertThat(TopicProbe.header(audit, "traceparent")).isNull();
    }
  }

  @Test
  void aRecordWithoutTraceContextStartsATraceOfItsOwn() {
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.ALERTS, TestAlerts.alert("trace-root"));
      one(probe, Topics.ESCALATIONS, "trace-root");
    }
    SpanData hop = hopOf("trace-root");
    assertThat(hop.getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void aHopThatFailsEndsItsSpanAsAnError() {
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(
          Topics.ALERTS, TestAlerts.alert("trace-fails", StreamTestApplication.ALWAYS_FAILS));
      probe.readUntil(
          Topics.deadLetter(Topics.ALERTS),
          rs -> rs.stream().anyMatch(r -> "trace-fails".equals(r.key())),
          WAIT);
    }
    List<SpanData> attempts = hopsOf("trace-fails");
    assertThat(attempts).hasSize(3);
    assertThat(attempts)
        .allSatisfy(
            s -> {
              assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
              assertThat(s.getAttributes().get(HopSpans.ERROR_TYPE)).contains("Exception");
            });
  }

  private boolean escalationOf(ConsumerRecord<String, byte[]> r) {
    return r.key().startsWith("trace-hop/")
        && "io.backstop.Escalated.v1".equals(TopicProbe.header(r, "ce_type"));
  }

  private static ConsumerRecord<String, byte[]> one(TopicProbe probe, String topic, String key) {
    return probe
        .readUntil(topic, rs -> rs.stream().anyMatch(r -> key.equals(r.key())), WAIT)
        .stream()
        .filter(r -> key.equals(r.key()))
        .findFirst()
        .orElseThrow();
  }

  private static SpanData hopOf(String incident) {
    List<SpanData> hops = hopsOf(incident);
    assertThat(hops).as("one span for the hop of " + incident).hasSize(1);
    return hops.get(0);
  }

  private static List<SpanData> hopsOf(String incident) {
    return tracing.spans().stream()
        .filter(s -> incident.equals(s.getAttributes().get(HopSpans.KEY)))
        .toList();
  }
}
