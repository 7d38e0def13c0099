package io.backstop.stream.deadletter;

import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.codec.EventIntegrityException;
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
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Gives every consumer binding the same failure path. The binder is transactional, so a failed
 * record rolls its transaction back and the container's after-rollback processor decides: an
 * unreadable record ({@link EventDecodingException}) or a tampered one ({@link
 * EventIntegrityException}) is poison and goes straight to {@code <topic>.dlq}; anything else is
 * retried with the binding's back-off (three attempts by default) and then dead-lettered. The
 * dead-letter record and the consumed offset commit in one transaction, and the consumer goes on
 * with the next record.
 */
public final class DeadLetterContainerCustomizer
    implements ListenerContainerWithDlqAndRetryCustomizer {

  private final DlqDestinationResolver destinations;

  public DeadLetterContainerCustomizer(DlqDestinationResolver destinations) {
    this.destinations = destinations;
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
    KafkaTemplate<Object, Object> template = new KafkaTemplate<>(producerFactory(tm));
    var recoverer =
        new DeadLetterPublishingRecoverer(
            template, (rec, ex) -> new TopicPartition(destinations.apply(rec, ex), 0));
    recoverer.addHeadersFunction((rec, ex) -> DeadLetterHeaders.of(ex));
    var processor =
        new DefaultAfterRollbackProcessor<>(
            recoverer, backOff == null ? new FixedBackOff(0, 0) : backOff, template, true);
    processor.addNotRetryableExceptions(
        EventDecodingException.class, EventIntegrityException.class);
    container.setAfterRollbackProcessor(processor);
  }

  @SuppressWarnings("unchecked")
  private static ProducerFactory<Object, Object> producerFactory(
      KafkaAwareTransactionManager<?, ?> tm) {
    return (ProducerFactory<Object, Object>) tm.getProducerFactory();
  }
}
