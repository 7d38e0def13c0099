package io.backstop.escalation.messaging;

import io.backstop.escalation.IncidentHistory;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.publish.AuditPartitioner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one incident's events from the audit topic with a plain consumer ({@code read_committed},
 * no group, nothing committed): the incident's partition, from the beginning to the last stable
 * offset, keeping records keyed {@code <incident>/...}. A record that does not decode is skipped
 * with a warning rather than failing the page. To be replaced by the shared {@code AuditLogReader}
 * of {@code backstop-stream} when it lands.
 */
public final class KafkaAuditHistory implements IncidentHistory, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaAuditHistory.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Duration timeout;
  private int partitions;

  public KafkaAuditHistory(String bootstrapServers, Duration timeout) {
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, "escalation-service-audit-reader"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    this.timeout = timeout;
  }

  @Override
  public synchronized List<IncidentEvent> eventsOf(IncidentId incident) {
    TopicPartition tp = new TopicPartition(Topics.AUDIT, partitionOf(incident));
    consumer.assign(List.of(tp));
    long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
    consumer.seekToBeginning(List.of(tp));
    String prefix = incident.value() + "/";
    List<IncidentEvent> events = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    while (consumer.position(tp, timeout) < end) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "reading the audit of " + incident + " did not reach offset " + end + " in " + timeout);
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        if (r.key() != null && new String(r.key(), StandardCharsets.UTF_8).startsWith(prefix)) {
          decode(r).ifPresent(events::add);
        }
      }
    }
    return events;
  }

  private java.util.Optional<IncidentEvent> decode(ConsumerRecord<byte[], byte[]> r) {
    try {
      return java.util.Optional.of(EventCodec.decode(r.value()));
    } catch (EventDecodingException e) {
      log.warn(
          "skipping audit record {}@{} that does not decode: {}",
          r.partition(),
          r.offset(),
          e.getMessage());
      return java.util.Optional.empty();
    }
  }

  private int partitionOf(IncidentId incident) {
    if (partitions == 0) {
      partitions = consumer.partitionsFor(Topics.AUDIT, timeout).size();
    }
    return AuditPartitioner.partition(incident, partitions);
  }

  @Override
  public synchronized void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
