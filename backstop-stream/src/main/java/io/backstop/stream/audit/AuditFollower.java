package io.backstop.stream.audit;

import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.KafkaClientConfig;
import io.backstop.stream.publish.AuditPartitioner;
import io.backstop.stream.publish.CloudEventHeaders;
import io.backstop.stream.replay.ReadToEnd;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows {@code backstop.audit.v1} for a service that asks the record a question per input (was
 * this input answered already?): one long-lived {@code read_committed} consumer without a group,
 * every partition assigned and paused, and {@link #catchUp(IncidentId)} reads only the incident's
 * partition, from where the previous call stopped to its end as of now (the first call reads it
 * from the beginning). Asking again costs one end-offset request and the records committed since,
 * not a new consumer and the whole partition, as {@link AuditLogReader} does for a one-off read.
 *
 * <p>Only the records of the event types asked for are decoded (by their CloudEvents type header; a
 * record without one is decoded, since it cannot be told apart). Records that cannot be read are
 * handed back as {@link UnreadableRecord}s, never skipped silently. Not reaching the end in time is
 * an {@link AuditReadException}; the caller decides what that means. Thread-safe: calls are
 * serialized, since a Kafka consumer is not.
 */
public final class AuditFollower implements AutoCloseable {

  /**
   * Short polls: the last offsets of a partition are usually a transaction marker, which a poll
   * consumes without returning a record, so a long poll would wait its whole time at the end.
   */
  private static final Duration POLL = Duration.ofMillis(10);

  private final Map<String, Object> config;
  private final Duration timeout;
  private final Set<String> types;
  private KafkaConsumer<String, byte[]> consumer;
  private List<TopicPartition> partitions;
  private boolean closed;

  /**
   * A follower decoding only events of {@code eventTypes} (simple names, {@code
   * "DiagnosisProposed"}), every Kafka call bounded by {@code timeout}. Connects on first use.
   */
  public AuditFollower(KafkaClientConfig client, Duration timeout, Set<String> eventTypes) {
    this.config = AuditLogReader.consumerConfig(client, "backstop-audit-follower", Map.of());
    this.timeout = timeout;
    this.types =
        eventTypes.stream()
            .map(t -> "io.backstop." + t + ".v1")
            .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The records of the wanted types committed on {@code incident}'s partition since the previous
   * call for that partition (all of them on the first), in offset order. They may belong to other
   * incidents sharing the partition.
   */
  public synchronized AuditLog catchUp(IncidentId incident) {
    return read(
        c -> List.of(partitions.get(AuditPartitioner.partition(incident, partitions.size()))));
  }

  /**
   * The records of the wanted types committed on every partition since the previous call for each
   * (all of them on the first), in offset order per partition: a follower of the whole audit (the
   * guardrail's state, rebuilt at start and kept current after a rebalance).
   */
  public synchronized AuditLog catchUpAll() {
    return read(c -> partitions);
  }

  private AuditLog read(
      java.util.function.Function<KafkaConsumer<String, byte[]>, List<TopicPartition>> which) {
    if (closed) {
      throw new AuditReadException("the audit follower is closed");
    }
    Instant deadline = Instant.now().plus(timeout);
    try {
      KafkaConsumer<String, byte[]> c = connected();
      List<TopicPartition> tps = which.apply(c);
      Map<TopicPartition, Long> end = c.endOffsets(tps, timeout);
      List<IncidentEvent> events = new ArrayList<>();
      List<UnreadableRecord> unreadable = new ArrayList<>();
      List<TopicPartition> behind =
          tps.stream().filter(tp -> c.position(tp, timeout) < end.get(tp)).toList();
      if (behind.isEmpty()) {
        return new AuditLog(events, unreadable);
      }
      c.resume(behind);
      try {
        while (!reached(c, end)) {
          if (Instant.now().isAfter(deadline)) {
            throw new AuditReadException(
                "did not reach the end of "
                    + behind
                    + " within "
                    + timeout
                    + " (ends "
                    + end
                    + ")");
          }
          for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
            if (wanted(r)) {
              AuditLogReader.decode(r, events, unreadable);
            }
          }
        }
      } finally {
        c.pause(behind);
      }
      return new AuditLog(events, unreadable);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new AuditReadException("Kafka did not answer within " + timeout, e);
    }
  }

  private boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> c.position(e.getKey(), timeout) >= e.getValue());
  }

  private KafkaConsumer<String, byte[]> connected() {
    if (consumer == null) {
      var c = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
      try {
        List<TopicPartition> all =
            ReadToEnd.partitions(c, Topics.AUDIT, timeout, AuditReadException::new);
        c.assign(all);
        c.pause(all);
        c.seekToBeginning(all);
        partitions = all;
        consumer = c;
      } catch (RuntimeException e) {
        c.close();
        throw e;
      }
    }
    return consumer;
  }

  private boolean wanted(ConsumerRecord<String, byte[]> record) {
    Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
    return type == null || types.contains(new String(type.value(), StandardCharsets.UTF_8));
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (consumer != null) {
      consumer.close();
      consumer = null;
    }
  }
}
