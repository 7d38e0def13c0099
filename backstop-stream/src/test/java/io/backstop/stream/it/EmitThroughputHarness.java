package io.backstop.stream.it;

import io.backstop.events.AlertReceived;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.testing.TopicProbe;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Prints what the stream plumbing costs, on an embedded KRaft broker: (1) {@code publish} from
 * outside a consumer, one transaction per event (stage + audit record), as events per second and
 * latency percentiles; (2) one function hop, consume-transform-produce in the consumer's
 * transaction, as events per second from first input sent to last output visible under
 * read_committed. Not a test; run it with
 *
 * <pre>
 * ./mvnw -B -q -pl backstop-stream test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.backstop.stream.it.EmitThroughputHarness -Dexec.args=1000
 * </pre>
 */
public final class EmitThroughputHarness {

  private EmitThroughputHarness() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    var broker =
        new EmbeddedKafkaKraftBroker(1, 3)
            .brokerProperties(
                Map.of(
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1",
                    "auto.create.topics.enable", "false"));
    broker.afterPropertiesSet();
    try (var context =
        new SpringApplicationBuilder(StreamTestApplication.class)
            .properties(
                "spring.application.name=stream-bench",
                "spring.main.banner-mode=off",
                "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "spring.cloud.function.definition=escalateAlert",
                "spring.cloud.stream.bindings.escalateAlert-in-0.destination=" + Topics.ALERTS,
                "spring.cloud.stream.bindings.escalateAlert-in-0.group=stream-bench")
            .run()) {
      EventPublisher publisher = context.getBean(EventPublisher.class);
      publishOutsideAConsumer(publisher, count / 10);
      publishOutsideAConsumer(publisher, count);
      functionHop(broker.getBrokersAsString(), count);
    } finally {
      broker.destroy();
    }
  }

  private static void publishOutsideAConsumer(EventPublisher publisher, int count) {
    long[] nanos = new long[count];
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      AlertReceived alert = TestAlerts.alert("bench-publish-" + i);
      long t = System.nanoTime();
      publisher.publish(StreamTestApplication.escalation(alert, Fixtures.CLOCK));
      nanos[i] = System.nanoTime() - t;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(nanos);
    System.out.printf(
        "publish (own transaction, stage+audit): %d events in %.2f s = %.0f events/s;"
            + " latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        count,
        seconds,
        count / seconds,
        nanos[count / 2] / 1e6,
        nanos[(int) (count * 0.99)] / 1e6,
        nanos[count - 1] / 1e6);
  }

  private static void functionHop(String bootstrap, int count) throws Exception {
    long start = System.nanoTime();
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", 5),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < count; i++) {
        AlertReceived alert = TestAlerts.alert("bench-hop-" + i);
        producer.send(
            new ProducerRecord<>(
                Topics.ALERTS, alert.incidentId().value(), EventCodec.encode(alert)));
      }
    }
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.readUntil(
          Topics.AUDIT,
          rs -> rs.stream().filter(r -> r.key().startsWith("bench-hop-")).count() >= count,
          Duration.ofMinutes(10));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "function hop (consume, decode, publish stage+audit, commit offset in one transaction):"
            + " %d events in %.2f s = %.0f events/s%n",
        count, seconds, count / seconds);
  }
}
