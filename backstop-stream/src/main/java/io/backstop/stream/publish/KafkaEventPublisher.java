package io.backstop.stream.publish;

import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.stream.EventPublisher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The {@link EventPublisher} on Kafka. Its template uses the binder's transactional producer
 * factory, the one the binder's transaction manager and listener containers use: inside a function
 * bean the container has already begun a transaction and bound its producer to the thread under
 * that factory, so the sends here join it and commit with the consumed offset. Anywhere else the
 * publisher runs a transaction of its own.
 *
 * <p>An event that arrives sealed must still match its hash; a mismatch is an {@link
 * io.backstop.events.codec.EventIntegrityException}, never a silent re-seal.
 */
public final class KafkaEventPublisher implements EventPublisher {

  private final KafkaTemplate<byte[], byte[]> template;
  private final String service;
  private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();

  public KafkaEventPublisher(ProducerFactory<byte[], byte[]> transactional, String service) {
    if (transactional == null || !transactional.transactionCapable()) {
      throw new IllegalStateException(
          "KafkaEventPublisher needs the binder's transactional producer factory; set"
              + " spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix");
    }
    this.template = new KafkaTemplate<>(transactional);
    this.service = service;
  }

  @Override
  public <T extends IncidentEvent> T publish(T event) {
    return send(event, true, true);
  }

  @Override
  public <T extends IncidentEvent> T record(T event) {
    return send(event, false, true);
  }

  @Override
  public <T extends IncidentEvent> T forward(T event) {
    return send(event, true, false);
  }

  @Override
  public <T extends IncidentEvent> List<T> forwardAll(List<T> events) {
    List<T> sealed = events.stream().map(KafkaEventPublisher::sealed).toList();
    if (template.inTransaction()) {
      sealed.forEach(event -> sendAll(template, event, true, false));
    } else {
      template.executeInTransaction(
          ops -> {
            sealed.forEach(event -> sendAll(ops, event, true, false));
            return null;
          });
    }
    return sealed;
  }

  private <T extends IncidentEvent> T send(T event, boolean stage, boolean audit) {
    T sealed = sealed(event);
    if (template.inTransaction()) {
      sendAll(template, sealed, stage, audit);
    } else {
      template.executeInTransaction(
          ops -> {
            sendAll(ops, sealed, stage, audit);
            return null;
          });
    }
    return sealed;
  }

  private static <T extends IncidentEvent> T sealed(T event) {
    if (event.header().hash() == null) {
      return EventCodec.seal(event);
    }
    EventCodec.verify(event);
    return event;
  }

  private void sendAll(
      KafkaOperations<byte[], byte[]> ops, IncidentEvent event, boolean stage, boolean audit) {
    int auditPartitions = audit ? partitions(ops, Topics.AUDIT) : 0;
    int stagePartitions =
        stage && StagePartitioner.namespaceOf(event).isPresent()
            ? partitions(ops, Topics.stageTopic(event))
            : 0;
    EventRecords.of(event, service, auditPartitions, stagePartitions, stage, audit)
        .forEach(ops::send);
  }

  /** A topic's partition count, asked once (topics are created, never re-partitioned, by us). */
  private int partitions(KafkaOperations<byte[], byte[]> ops, String topic) {
    return partitionCounts.computeIfAbsent(topic, t -> ops.partitionsFor(t).size());
  }
}
