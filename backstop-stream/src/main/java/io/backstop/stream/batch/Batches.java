package io.backstop.stream.batch;

import io.backstop.events.Topics;
import io.backstop.stream.telemetry.HopSpans;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Turns a record handler into a batch function bean: every record a poll returned is handled in
 * order, in the one transaction the binder opened for the batch, so the batch's outputs and its
 * offsets commit together or not at all (exactly once per batch, as per record before).
 *
 * <pre>{@code
 * @Bean
 * Consumer<Message<List<byte[]>>> reviewProposal(Batches batches, ...) {
 *   return batches.each(message -> { ...the record handler as before... });
 * }
 * }</pre>
 *
 * <p>The binding needs {@code spring.cloud.stream.bindings.<name>-in-0.consumer.batch-mode: true}.
 * A record that fails rolls the whole batch back ({@link BatchListenerFailedException} names it);
 * {@link BatchAfterRollback} counts its failure against the binding's back-off and delivers the
 * batch again. A record that is poison or has spent its attempts is dead-lettered on the next
 * delivery, in that batch's transaction, without being handled again, and the rest go on: a bad
 * record never holds its partition, and never leaves half of a handler's output behind. Each record
 * is handled inside its own hop span ({@link HopSpans}), as a record binding's would be.
 */
public final class Batches {

  private final KafkaTemplate<byte[], byte[]> template;
  private final RetryBook retries;
  private final HopSpans spans;

  public Batches(KafkaTemplate<byte[], byte[]> transactional, RetryBook retries, HopSpans spans) {
    this.template = transactional;
    this.retries = retries;
    this.spans = spans;
  }

  public Consumer<Message<List<byte[]>>> each(Consumer<Message<byte[]>> handler) {
    return batch -> {
      for (BatchRecord record : BatchRecord.of(batch)) {
        var exhausted = retries.exhausted(record.position());
        if (exhausted.isPresent()) {
          deadLetter(record, exhausted.get());
          continue;
        }
        Message<byte[]> message = withGroup(record.message(), batch);
        try {
          spans.around(message, () -> handler.accept(message));
        } catch (RuntimeException e) {
          throw new BatchListenerFailedException(
              "record " + record.position() + " of the batch failed", e, record.index());
        }
        retries.handled(record.position());
      }
    };
  }

  /** The batch's consumer group on each record, as a record binding's message carries it. */
  private static Message<byte[]> withGroup(Message<byte[]> record, Message<?> batch) {
    Object group = batch.getHeaders().get(KafkaHeaders.GROUP_ID);
    return group == null
        ? record
        : MessageBuilder.fromMessage(record).setHeader(KafkaHeaders.GROUP_ID, group).build();
  }

  private void deadLetter(BatchRecord record, Exception failure) {
    if (!template.inTransaction()) {
      throw new IllegalStateException(
          "a batch is handled outside a transaction; backstop-stream needs a transactional binder");
    }
    template.send(DeadLetterRecord.of(record, Topics.deadLetter(record.topic()), failure));
  }

  public RetryBook retries() {
    return retries;
  }
}
