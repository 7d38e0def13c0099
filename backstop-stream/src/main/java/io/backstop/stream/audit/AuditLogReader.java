package io.backstop.stream.audit;

import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.publish.AuditPartitioner;
import io.backstop.stream.replay.ReadToEnd;
import java.time.Duration;
import java.util.ArrayList;
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
    this(io.backstop.stream.KafkaClientConfig.plaintext(bootstrapServers), timeout);
  }

  /** A reader that authenticates as the given client config says (a service's own principal). */
  public AuditLogReader(io.backstop.stream.KafkaClientConfig client, Duration timeout) {
    this.config = consumerConfig(client, "backstop-audit-reader", Map.of());
    this.timeout = timeout;
  }

  /**
   * How every reader of the audit topic connects: as the client config says, {@code
   * read_committed}, without committing offsets (no group) and without creating the topic.
   */
  static Map<String, Object> consumerConfig(
      io.backstop.stream.KafkaClientConfig client, String clientId, Map<String, Object> more) {
    Map<String, Object> config = new java.util.HashMap<>(client.properties());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.putAll(more);
    return Map.copyOf(config);
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
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> all =
          ReadToEnd.partitions(consumer, Topics.AUDIT, timeout, AuditReadException::new);
      List<TopicPartition> partitions =
          incident == null
              ? all
              : List.of(all.get(AuditPartitioner.partition(incident, all.size())));
      List<IncidentEvent> events = new ArrayList<>();
      List<UnreadableRecord> unreadable = new ArrayList<>();
      ReadToEnd.read(
          consumer,
          partitions,
          timeout,
          record -> decode(record, events, unreadable),
          AuditReadException::new);
      return new AuditLog(events, unreadable);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new AuditReadException("Kafka did not answer within " + timeout, e);
    }
  }

  static void decode(
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
