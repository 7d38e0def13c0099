package io.backstop.stream.audit;

import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.KafkaClientConfig;
import io.backstop.stream.publish.AuditPartitioner;
import io.backstop.stream.replay.ReadToEnd;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * One incident's audit records, read again and again by a long-running service (the escalation
 * service reads the incident's record for every page and ticket) without reading the whole log each
 * time. {@link AuditLogReader#readIncident} reads and decodes the incident's whole partition: every
 * other incident's records too, from the beginning of the log, on a new consumer per call, so a
 * page's wait grew with the history the audit topic holds (one such read decoded about 3 MB of the
 * bench's partition after 180 incidents).
 *
 * <p>This reader keeps one consumer and, per partition, the offset of each incident's first record
 * and how far the partition has been indexed. A read seeks to the incident's first record (or, for
 * an incident not seen yet, to where indexing stopped, since every record below it was indexed) and
 * reads to the partition's end, decoding only the records keyed {@code incidentId/...} for this
 * incident, plus any record without such a key (Backstop writes none; such a record is decoded so
 * it is never skipped unseen), while noting the first offsets of the others it passes. The cost of
 * a read is the incident's own span of the log, not its whole history; the first read of a
 * partition indexes it from the beginning once.
 *
 * <p>What it returns is what {@link AuditLogReader#readIncident} would return for the incident's
 * {@link AuditLog#timeline} and {@link AuditLog#unreadable(IncidentId)}: every committed record
 * keyed to the incident ({@code read_committed}, so an open transaction's records are read once it
 * commits; they lie at or after the partition's last stable offset, which is where indexing stops).
 * A failure closes the consumer and forgets the index, so the next read starts over from the
 * beginning rather than trusting a half-made index. Thread-safe: reads are serialised.
 *
 * <p>{@link AuditFollower} answers another question, "what was committed since I last asked?", for
 * a consumer of each input; this one answers "what is this incident's whole record now?".
 *
 * <p>The index holds one offset per incident (tens of bytes each); the escalation service's console
 * board holds every incident's events anyway.
 */
public final class IncidentAuditReader implements AutoCloseable {

  private final Map<String, Object> config;
  private final Duration timeout;
  private final Map<Integer, PartitionIndex> index = new HashMap<>();
  private KafkaConsumer<String, byte[]> consumer;
  private List<TopicPartition> partitions;
  private long lastRecordsRead;
  private long lastRecordsDecoded;

  public IncidentAuditReader(KafkaClientConfig client, Duration timeout) {
    // A seek below the log's start (records deleted since) starts at its beginning.
    this.config =
        AuditLogReader.consumerConfig(
            client,
            "backstop-incident-audit-reader",
            Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
    this.timeout = timeout;
  }

  /** Per partition: each incident's first offset, and the offset below which all is indexed. */
  private static final class PartitionIndex {
    final Map<String, Long> first = new HashMap<>();
    long indexedTo;
  }

  /**
   * The incident's audit records, committed up to now; throws {@link AuditReadException} when the
   * topic is missing or its end is not reached within the timeout.
   */
  public synchronized AuditLog readIncident(IncidentId incident) {
    try {
      return read(incident);
    } catch (RuntimeException e) {
      reset();
      if (e instanceof AuditReadException a) {
        throw a;
      }
      if (e instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new AuditReadException("Kafka did not answer within " + timeout, e);
      }
      throw new AuditReadException("the audit log could not be read: " + e, e);
    }
  }

  /** Records the last read handed over by the consumer, for tests and figures. */
  public synchronized long lastRecordsRead() {
    return lastRecordsRead;
  }

  /** Records the last read decoded (the incident's own and any unkeyed ones). */
  public synchronized long lastRecordsDecoded() {
    return lastRecordsDecoded;
  }

  private AuditLog read(IncidentId incident) {
    Instant deadline = Instant.now().plus(timeout);
    if (consumer == null) {
      consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
      partitions = ReadToEnd.partitions(consumer, Topics.AUDIT, timeout, AuditReadException::new);
      index.clear();
    }
    TopicPartition tp = partitions.get(AuditPartitioner.partition(incident, partitions.size()));
    PartitionIndex partition = index.computeIfAbsent(tp.partition(), p -> new PartitionIndex());
    String own = incident.value();
    long from = partition.first.getOrDefault(own, partition.indexedTo);
    consumer.assign(List.of(tp));
    consumer.seek(tp, from);
    long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
    List<IncidentEvent> events = new ArrayList<>();
    List<UnreadableRecord> unreadable = new ArrayList<>();
    long read = 0;
    long decoded = 0;
    while (consumer.position(tp, timeout) < end) {
      if (Instant.now().isAfter(deadline)) {
        throw new AuditReadException(
            "did not reach the end of " + tp + " within " + timeout + " (offset " + end + ")");
      }
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(10))) {
        read++;
        String keyed = incidentOf(record.key());
        if (keyed != null && record.offset() >= partition.indexedTo) {
          partition.first.putIfAbsent(keyed, record.offset());
        }
        if (keyed == null || keyed.equals(own)) {
          decoded++;
          AuditLogReader.decode(record, events, unreadable);
        }
      }
    }
    partition.indexedTo = Math.max(partition.indexedTo, consumer.position(tp, timeout));
    lastRecordsRead = read;
    lastRecordsDecoded = decoded;
    return new AuditLog(events, unreadable);
  }

  /** The incident a key names ({@code incidentId/eventId}), or null for any other key. */
  static String incidentOf(String key) {
    if (key == null) {
      return null;
    }
    int slash = key.indexOf('/');
    return slash > 0 ? key.substring(0, slash) : null;
  }

  private void reset() {
    index.clear();
    partitions = null;
    if (consumer != null) {
      try {
        consumer.close(Duration.ofSeconds(1));
      } catch (RuntimeException ignored) {
        // Closing a broken consumer: nothing more to do, the next read opens a new one.
      }
      consumer = null;
    }
  }

  @Override
  public synchronized void close() {
    reset();
  }
}
