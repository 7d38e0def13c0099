package io.backstop.stream.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * One record of a batch, as the binder hands a batch over: a list of payloads and, per header, a
 * list of values in payload order. {@link #message()} is the record as a record listener would have
 * received it.
 */
public record BatchRecord(
    int index,
    String topic,
    int partition,
    long offset,
    Object key,
    byte[] payload,
    Map<String, Object> headers) {

  public BatchRecord {
    headers = headers == null ? Map.of() : headers;
  }

  /** The record's identity in its topic: where a retry count or a dead letter is kept. */
  public String position() {
    return topic + "-" + partition + "@" + offset;
  }

  public Message<byte[]> message() {
    return MessageBuilder.withPayload(payload)
        .copyHeaders(headers)
        .setHeader(KafkaHeaders.RECEIVED_TOPIC, topic)
        .setHeader(KafkaHeaders.RECEIVED_PARTITION, partition)
        .setHeader(KafkaHeaders.OFFSET, offset)
        .setHeader(KafkaHeaders.RECEIVED_KEY, key)
        .build();
  }

  /** The records of a batch message, in order. */
  @SuppressWarnings("unchecked")
  public static List<BatchRecord> of(Message<List<byte[]>> batch) {
    List<byte[]> payloads = batch.getPayload();
    List<String> topics = (List<String>) batch.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
    List<Integer> partitions =
        (List<Integer>) batch.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
    List<Long> offsets = (List<Long>) batch.getHeaders().get(KafkaHeaders.OFFSET);
    List<Object> keys = (List<Object>) batch.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
    List<Map<String, Object>> converted =
        (List<Map<String, Object>>) batch.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
    if (topics == null || partitions == null || offsets == null) {
      throw new IllegalStateException(
          "a batch without topic, partition and offset headers; is the binding in batch mode?");
    }
    List<BatchRecord> records = new ArrayList<>(payloads.size());
    for (int i = 0; i < payloads.size(); i++) {
      records.add(
          new BatchRecord(
              i,
              topics.get(i),
              partitions.get(i),
              offsets.get(i),
              keys == null ? null : keys.get(i),
              payloads.get(i),
              converted == null ? Map.of() : converted.get(i)));
    }
    return records;
  }
}
