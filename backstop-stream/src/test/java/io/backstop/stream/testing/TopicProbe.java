package io.backstop.stream.testing;

import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts records on topics and reads back what landed, as a consumer with {@code
 * isolation.level=read_committed} would see it: aborted transactions never show. Every read starts
 * from the beginning of every partition of the topic, so a test sees the whole topic, not only what
 * arrived since it subscribed; a read that does not reach its condition in time fails with what it
 * did see.
 *
 * <pre>{@code
 * try (var probe = TopicProbe.connect(bootstrap)) {
 *   probe.send(Topics.ALERTS, Alerts.checkoutErrorRate());           // an event, keyed by incident
 *   probe.send(Topics.ALERTS, "inc-1", "not json".getBytes(UTF_8));  // raw bytes: poison
 *   var escalated = probe.awaitEvents(Topics.ESCALATIONS, 1, Duration.ofSeconds(30));
 *   var dead = probe.awaitRecords(Topics.deadLetter(Topics.ALERTS), 1, Duration.ofSeconds(30));
 *   assertThat(TopicProbe.header(dead.get(0), "backstop_error_field")).isEqualTo("$");
 * }
 * }</pre>
 */
public final class TopicProbe implements AutoCloseable {

  private final String bootstrap;
  private KafkaProducer<String, byte[]> producer;

  private TopicProbe(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  public static TopicProbe connect(String bootstrapServers) {
    return new TopicProbe(bootstrapServers);
  }

  /**
   * Sends the event (sealed if it is not) keyed by its incident id, on the partition a service
   * would write it to (its namespace's for the breaker's events, {@link
   * io.backstop.stream.publish.StagePartitioner}), and waits for the ack.
   */
  public IncidentEvent send(String topic, IncidentEvent event) {
    IncidentEvent sealed = event.header().hash() == null ? EventCodec.seal(event) : event;
    boolean routed =
        !topic.equals(io.backstop.events.Topics.AUDIT)
            && io.backstop.stream.publish.StagePartitioner.namespaceOf(sealed).isPresent();
    Integer partition =
        routed
            ? io.backstop.stream.publish.StagePartitioner.of(
                sealed, producer().partitionsFor(topic).size())
            : null;
    send(
        new ProducerRecord<>(
            topic, partition, sealed.incidentId().value(), EventCodec.encode(sealed)));
    return sealed;
  }

  /** Sends raw bytes, e.g. a poison record, and waits for the ack. */
  public void send(String topic, String key, byte[] value) {
    send(new ProducerRecord<>(topic, key, value));
  }

  private void send(ProducerRecord<String, byte[]> record) {
    String topic = record.topic();
    try {
      producer().send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted sending to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not send to " + topic, e);
    }
  }

  /** Waits until the topic holds at least {@code count} committed records; returns them all. */
  public List<ConsumerRecord<String, byte[]>> awaitRecords(
      String topic, int count, Duration timeout) {
    return readUntil(topic, records -> records.size() >= count, timeout);
  }

  /** Like {@link #awaitRecords}, decoded with the event codec. */
  public List<IncidentEvent> awaitEvents(String topic, int count, Duration timeout) {
    return awaitRecords(topic, count, timeout).stream()
        .map(r -> EventCodec.decode(r.value()))
        .toList();
  }

  /** Reads the topic from the beginning until {@code done} holds for what was read. */
  public List<ConsumerRecord<String, byte[]>> readUntil(
      String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!done.test(seen)) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError(
              "timed out after " + timeout + " on " + topic + "; read " + describe(seen));
        }
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
      }
    }
    return seen;
  }

  /** The last value of a header as UTF-8 text, or null when the record has none. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String describe(List<ConsumerRecord<String, byte[]>> records) {
    return records.size()
        + " records: "
        + records.stream().map(r -> r.partition() + "@" + r.offset() + " " + r.key()).toList();
  }

  private KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ProducerConfig.ACKS_CONFIG,
                  "all"),
              new StringSerializer(),
              new ByteArraySerializer());
    }
    return producer;
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
