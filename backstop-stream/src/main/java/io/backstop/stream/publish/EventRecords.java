package io.backstop.stream.publish;

import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.stream.telemetry.HopSpans;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The Kafka records of one sealed event: on its stage topic keyed by incident id (on its
 * namespace's partition for the breaker's events, {@link StagePartitioner}), and on the audit topic
 * keyed {@code incidentId/eventId} on the incident's partition, each with CloudEvents headers, and
 * on the stage topic the current span's trace context ({@link HopSpans#inject}), so the next hop's
 * span is its child. The one place that says how an event is written, for the {@link
 * KafkaEventPublisher} and for anything that writes events through a producer of its own (in a
 * transaction, always).
 */
public final class EventRecords {

  private EventRecords() {}

  public static List<ProducerRecord<byte[], byte[]>> of(
      IncidentEvent sealed, String service, int auditPartitions, boolean stage, boolean audit) {
    return of(sealed, service, auditPartitions, 0, stage, audit);
  }

  /**
   * The records of {@code sealed}, its stage record on the partition {@link StagePartitioner} names
   * for a stage topic of {@code stagePartitions} partitions (0: unknown, left to the default
   * partitioner by incident id, which is right only for events not routed by namespace).
   */
  public static List<ProducerRecord<byte[], byte[]>> of(
      IncidentEvent sealed,
      String service,
      int auditPartitions,
      int stagePartitions,
      boolean stage,
      boolean audit) {
    byte[] value = EventCodec.encode(sealed);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(2);
    if (stage) {
      Integer partition = StagePartitioner.of(sealed, stagePartitions);
      records.add(
          record(
              Topics.stageTopic(sealed), partition, incidentKey(sealed), value, sealed, service));
    }
    if (audit) {
      int partition = AuditPartitioner.partition(sealed.incidentId(), auditPartitions);
      byte[] key = Topics.auditKey(sealed).getBytes(StandardCharsets.UTF_8);
      records.add(record(Topics.AUDIT, partition, key, value, sealed, service));
    }
    return records;
  }

  private static ProducerRecord<byte[], byte[]> record(
      String topic,
      Integer partition,
      byte[] key,
      byte[] value,
      IncidentEvent event,
      String service) {
    List<Header> headers = new ArrayList<>(CloudEventHeaders.of(event, service));
    if (!Topics.AUDIT.equals(topic)) {
      HopSpans.inject(headers);
    }
    return new ProducerRecord<>(topic, partition, key, value, headers);
  }

  private static byte[] incidentKey(IncidentEvent event) {
    return event.incidentId().value().getBytes(StandardCharsets.UTF_8);
  }
}
