package io.backstop.stream.config;

import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.codec.EventIntegrityException;
import io.backstop.stream.batch.BatchAfterRollback;
import io.backstop.stream.batch.RetryBook;
import io.backstop.stream.deadletter.DeadLetterHeaders;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.transaction.KafkaAwareTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Gives every consumer binding the same failure path. The binder is transactional, so a failed
 * record rolls its transaction back and the container's after-rollback processor decides: an
 * unreadable record ({@link EventDecodingException}) or a tampered one ({@link
 * EventIntegrityException}), {@link DeadLetterHeaders#POISON}, goes straight to {@code
 * <topic>.dlq}; anything else is retried with the binding's back-off (three attempts by default)
 * and then dead-lettered. The dead-letter record and the consumed offset commit in one transaction,
 * and the consumer goes on with the next record. A batch binding ({@link
 * io.backstop.stream.batch.Batches}) rolls back whole and is delivered again; its failing record is
 * retried with it and then dead-lettered in the next batch's transaction ({@link
 * BatchAfterRollback}).
 */
public final class DeadLetterContainerCustomizer
    implements ListenerContainerWithDlqAndRetryCustomizer {

  private final DlqDestinationResolver destinations;
  private final RetryBook retries;

  public DeadLetterContainerCustomizer(DlqDestinationResolver destinations, RetryBook retries) {
    this.destinations = destinations;
    this.retries = retries;
  }

  @Override
  public boolean retryAndDlqInBinding(String destination, String group) {
    return false;
  }

  @Override
  public void configure(
      AbstractMessageListenerContainer<?, ?> container,
      String destinationName,
      String group,
      BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> binderResolver,
      BackOff backOff) {
    KafkaAwareTransactionManager<?, ?> tm =
        container.getContainerProperties().getKafkaAwareTransactionManager();
    if (tm == null) {
      throw new IllegalStateException(
          "binding of " + destinationName + " is not transactional; backstop-stream needs it");
    }
    if (tm instanceof AbstractPlatformTransactionManager platform) {
      // Spring Kafka's manager runs without synchronization by default; handlers that keep state
      // beside Kafka (a cache, a task started in the transaction) need to learn whether the
      // consumer's transaction committed, through TransactionSynchronization.afterCompletion.
      platform.setTransactionSynchronization(
          AbstractPlatformTransactionManager.SYNCHRONIZATION_ON_ACTUAL_TRANSACTION);
    }
    KafkaTemplate<Object, Object> template = new KafkaTemplate<>(producerFactory(tm));
    var recoverer =
        new DeadLetterPublishingRecoverer(
            template, (rec, ex) -> new TopicPartition(destinations.apply(rec, ex), 0));
    recoverer.addHeadersFunction((rec, ex) -> DeadLetterHeaders.of(ex));
    BackOff retry = backOff == null ? new FixedBackOff(0, 0) : backOff;
    var processor = new DefaultAfterRollbackProcessor<>(recoverer, retry, template, true);
    DeadLetterHeaders.POISON.forEach(processor::addNotRetryableExceptions);
    container.setAfterRollbackProcessor(new BatchAfterRollback<>(processor, retries, retry));
  }

  @SuppressWarnings("unchecked")
  private static ProducerFactory<Object, Object> producerFactory(
      KafkaAwareTransactionManager<?, ?> tm) {
    return (ProducerFactory<Object, Object>) tm.getProducerFactory();
  }
}
