package io.backstop.stream.batch;

import io.backstop.stream.deadletter.DeadLetterHeaders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The dead letter of one batch record: its bytes and key as they came, Backstop's reason headers,
 * and the {@code kafka_dlt-*} headers Spring Kafka's recoverer writes (original topic, partition,
 * offset, exception), encoded the same way, so a dead letter reads alike whichever path wrote it.
 */
final class DeadLetterRecord {

  private DeadLetterRecord() {}

  static ProducerRecord<byte[], byte[]> of(BatchRecord record, String dlqTopic, Exception failure) {
    Headers headers = new RecordHeaders();
    for (Map.Entry<String, Object> h : record.headers().entrySet()) {
      if (h.getValue() instanceof byte[] bytes && !h.getKey().startsWith("kafka_")) {
        headers.add(h.getKey(), bytes);
      }
    }
    for (Header h : DeadLetterHeaders.of(failure)) {
      headers.add(h);
    }
    Throwable reason = reason(failure);
    headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()));
    headers.add(
        KafkaHeaders.DLT_ORIGINAL_PARTITION,
        ByteBuffer.allocate(4).putInt(record.partition()).array());
    headers.add(
        KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(record.offset()).array());
    headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(reason.getClass().getName()));
    headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(reason.getMessage())));
    headers.add(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, utf8(stackTrace(reason)));
    return new ProducerRecord<>(dlqTopic, 0, key(record.key()), record.payload(), headers);
  }

  private static Throwable reason(Exception failure) {
    return failure.getCause() != null
            && failure.getClass().getName().startsWith("org.springframework.")
        ? failure.getCause()
        : failure;
  }

  private static byte[] key(Object key) {
    if (key == null) {
      return null;
    }
    if (key instanceof byte[] bytes) {
      return bytes;
    }
    return utf8(key.toString());
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
