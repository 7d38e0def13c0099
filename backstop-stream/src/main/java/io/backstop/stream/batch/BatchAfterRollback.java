package io.backstop.stream.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ContainerProperties.EOSMode;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.BackOff;

/**
 * After a rolled-back transaction: a record listener's record goes to {@code records}' usual
 * processor (retries, then the dead-letter topic in a transaction of its own); a batch is handled
 * here. The record the batch handler named ({@link BatchListenerFailedException}) has its failure
 * counted in the {@link RetryBook} (poison counts as spent at once), the consumer waits out the
 * back-off, and every partition of the batch is sought back to its first record, so the whole batch
 * is delivered again; a spent record is then dead-lettered by {@link Batches} in that batch's own
 * transaction. A failure no record is named for (the commit itself failed) delivers the batch again
 * after a short wait.
 */
public final class BatchAfterRollback<K, V> implements AfterRollbackProcessor<K, V> {

  private static final Logger LOG = LoggerFactory.getLogger(BatchAfterRollback.class);
  private static final long UNNAMED_FAILURE_WAIT_MS = 200;

  private final AfterRollbackProcessor<K, V> records;
  private final RetryBook retries;
  private final BackOff backOff;

  public BatchAfterRollback(
      AfterRollbackProcessor<K, V> records, RetryBook retries, BackOff backOff) {
    this.records = records;
    this.retries = retries;
    this.backOff = backOff;
  }

  @Override
  public void process(
      List<ConsumerRecord<K, V>> remaining,
      Consumer<K, V> consumer,
      MessageListenerContainer container,
      Exception exception,
      boolean recoverable,
      EOSMode eosMode) {
    records.process(remaining, consumer, container, exception, recoverable, eosMode);
  }

  @Override
  public void processBatch(
      ConsumerRecords<K, V> batch,
      List<ConsumerRecord<K, V>> recordList,
      Consumer<K, V> consumer,
      MessageListenerContainer container,
      Exception exception,
      boolean recoverable,
      EOSMode eosMode) {
    Optional<BatchListenerFailedException> named = named(exception);
    long wait = UNNAMED_FAILURE_WAIT_MS;
    if (named.isPresent()
        && named.get().getIndex() >= 0
        && named.get().getIndex() < recordList.size()) {
      ConsumerRecord<K, V> failed = recordList.get(named.get().getIndex());
      String position = failed.topic() + "-" + failed.partition() + "@" + failed.offset();
      Exception cause = named.get().getCause() instanceof Exception e ? e : named.get();
      Optional<Long> retryIn = retries.failed(position, cause, backOff);
      wait = retryIn.orElse(0L);
      LOG.warn(
          "batch of {} records rolled back: {} failed ({}); {}",
          recordList.size(),
          position,
          cause.toString(),
          retryIn.isPresent() ? "retrying the batch in " + wait + " ms" : "dead-lettering it");
    } else {
      LOG.warn("batch of {} records rolled back: {}", recordList.size(), exception.toString());
    }
    pause(wait);
    seekToFirst(recordList, consumer);
  }

  @Override
  public boolean isProcessInTransaction() {
    return records.isProcessInTransaction();
  }

  @Override
  public void clearThreadState() {
    records.clearThreadState();
  }

  private static Optional<BatchListenerFailedException> named(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BatchListenerFailedException b) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  private static <K, V> void seekToFirst(
      List<ConsumerRecord<K, V>> records, Consumer<K, V> consumer) {
    Map<TopicPartition, Long> first = new LinkedHashMap<>();
    for (ConsumerRecord<K, V> r : records) {
      first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
    }
    first.forEach(consumer::seek);
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
