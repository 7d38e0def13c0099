package io.backstop.escalation.messaging;

import io.backstop.escalation.DeadLetters;
import io.backstop.events.Topics;
import io.backstop.stream.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Writes an undelivered page or ticket operation to {@code <input topic>.dlq}: the value is the
 * source event exactly as received (replaying it onto the input topic re-delivers it), the headers
 * say what failed ({@code backstop_error_class}, {@code backstop_error_message}, channel,
 * operation, attempts) and carry the request that was refused ({@code backstop_request}). It uses
 * the binder's transactional producer factory, so inside a function bean the dead letter commits
 * with the consumed offset and the {@code EscalationDelivered} record, or not at all.
 */
public final class KafkaDeadLetters implements DeadLetters {

  public static final String CHANNEL = "backstop_channel";
  public static final String OPERATION = "backstop_operation";
  public static final String ATTEMPTS = "backstop_attempts";
  public static final String REQUEST = "backstop_request";
  public static final String ORIGINAL_TOPIC = "backstop_original_topic";

  private final KafkaTemplate<byte[], byte[]> template;

  public KafkaDeadLetters(ProducerFactory<byte[], byte[]> transactional) {
    this.template = new KafkaTemplate<>(transactional);
  }

  @Override
  public void deadLetter(Undelivered u) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            Topics.deadLetter(u.inputTopic()),
            null,
            u.source().incidentId().value().getBytes(StandardCharsets.UTF_8),
            u.received(),
            headers(u));
    if (template.inTransaction()) {
      template.send(record);
    } else {
      template.executeInTransaction((KafkaOperations<byte[], byte[]> ops) -> ops.send(record));
    }
  }

  private static List<Header> headers(Undelivered u) {
    String errorClass =
        "Undelivered"
            + (u.channel().name().charAt(0)
                + u.channel().name().substring(1).toLowerCase(java.util.Locale.ROOT));
    return List.of(
        header(DeadLetterHeaders.ERROR_CLASS, errorClass),
        header(DeadLetterHeaders.ERROR_MESSAGE, u.error()),
        header(CHANNEL, u.channel().name()),
        header(OPERATION, u.operation()),
        header(ATTEMPTS, Integer.toString(u.attempts())),
        header(REQUEST, u.request()),
        header(ORIGINAL_TOPIC, u.inputTopic()));
  }

  private static Header header(String key, String value) {
    return new RecordHeader(key, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
  }
}
