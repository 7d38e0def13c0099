package io.backstop.stream.audit;

import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.publish.AuditPartitioner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code backstop.audit.v1} from the beginning to the last committed record, as a {@code
 * read_committed} consumer without a group (it commits nothing and disturbs no one). One incident's
 * timeline is read from its partition only, since the publisher puts all of an incident's audit
 * records on the partition of its id. Plain Kafka client, no Spring: the CLI uses it too.
 */
public final class AuditLogReader {

  private final Map<String, Object> config;
  private final Duration timeout;

  public AuditLogReader(String bootstrapServers, Duration timeout) {
    this.config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
            ConsumerConfig.CLIENT_ID_CONFIG, "backstop-audit-reader");
    this.timeout = timeout;
  }

  /** The whole audit log. */
  public AuditLog readAll() {
    return read(null);
  }

  /** Everything on the partition of {@code incident}; {@link AuditLog#timeline} picks it out. */
  public AuditLog readIncident(IncidentId incident) {
    return read(incident);
  }

  private AuditLog read(IncidentId incident) {
    Instant deadline = Instant.now().plus(timeout);
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer, incident);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      List<IncidentEvent> events = new ArrayList<>();
      List<UnreadableRecord> unreadable = new ArrayList<>();
      while (!reachedEnd(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new AuditReadException(
              "did not reach the end of " + Topics.AUDIT + " within " + timeout);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          decode(record, events, unreadable);
        }
      }
      return new AuditLog(events, unreadable);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new AuditReadException("Kafka did not answer within " + timeout, e);
    }
  }

  private List<TopicPartition> partitions(
      KafkaConsumer<String, byte[]> consumer, IncidentId incident) {
    List<TopicPartition> all =
        consumer.partitionsFor(Topics.AUDIT, timeout).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
            .toList();
    if (all.isEmpty()) {
      throw new AuditReadException("topic " + Topics.AUDIT + " does not exist");
    }
    if (incident == null) {
      return all;
    }
    return List.of(all.get(AuditPartitioner.partition(incident, all.size())));
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    Collection<TopicPartition> partitions = end.keySet();
    Map<TopicPartition, Long> positions = new HashMap<>();
    partitions.forEach(tp -> positions.put(tp, consumer.position(tp)));
    return partitions.stream().allMatch(tp -> positions.get(tp) >= end.get(tp));
  }

  private static void decode(
      ConsumerRecord<String, byte[]> record,
      List<IncidentEvent> events,
      List<UnreadableRecord> unreadable) {
    if (record.value() == null) {
      // Nothing in Backstop deletes audit records: a tombstone is reported, not skipped.
      unreadable.add(
          new UnreadableRecord(
              record.partition(),
              record.offset(),
              record.key(),
              "tombstone: the record was deleted"));
      return;
    }
    try {
      events.add(EventCodec.decode(record.value()));
    } catch (EventDecodingException e) {
      unreadable.add(
          new UnreadableRecord(record.partition(), record.offset(), record.key(), e.getMessage()));
    }
  }
}
