package io.backstop.triage.messaging;

import io.backstop.events.SignalsGathered;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.stream.publish.EventRecords;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the signals gathered off the consumer thread, each in a Kafka transaction of its own
 * that also deletes the incident's pending-gathering record, so an incident's signals are published
 * exactly once: either the pending record is still there (and whoever owns the partition gathers
 * again) or the signals are out, never both, never neither.
 *
 * <p>Fencing: one transactional producer per alerts partition this instance owns, with a
 * transactional id that names the consumer group, the alerts topic and the partition ({@code
 * <group>.<topic>.signals-<partition>}), the same on every instance. An instance that is given the
 * partition starts its producer before it reads the pending records; that bumps the id's epoch, so
 * the transaction of an instance that lost the partition (a zombie still gathering) can no longer
 * commit, and what it had begun is aborted.
 */
final class SignalsEmitter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SignalsEmitter.class);

  private final Map<String, Object> producerConfig;
  private final String service;
  private final String idPrefix;
  private final Map<Integer, KafkaProducer<byte[], byte[]>> producers = new HashMap<>();
  private volatile int auditPartitions;

  /**
   * @param group the consumer group of the alerts binding
   * @param topic the alerts topic it consumes: with the group, whose partitions these are
   */
  SignalsEmitter(
      Map<String, Object> binderProducerConfig, String service, String group, String topic) {
    Map<String, Object> config = new HashMap<>(binderProducerConfig);
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producerConfig = Map.copyOf(config);
    this.service = service;
    this.idPrefix = group + "." + topic + ".signals-";
  }

  String transactionalId(int partition) {
    return idPrefix + partition;
  }

  /** Takes the partitions over: their producers start, fencing whoever held them before. */
  synchronized void acquire(Collection<Integer> partitions) {
    for (int p : partitions) {
      if (producers.containsKey(p)) {
        continue;
      }
      Map<String, Object> config = new HashMap<>(producerConfig);
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(p));
      config.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId(p));
      KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config);
      producer.initTransactions();
      producers.put(p, producer);
    }
  }

  /** Gives the partitions up: nothing more is published for incidents admitted from them. */
  synchronized void release(Collection<Integer> partitions) {
    for (int p : partitions) {
      KafkaProducer<byte[], byte[]> producer = producers.remove(p);
      if (producer != null) {
        producer.close(java.time.Duration.ofSeconds(5));
      }
    }
  }

  synchronized boolean owns(int partition) {
    return producers.containsKey(partition);
  }

  /**
   * Publishes the signals (stage and audit) and deletes the pending record, in one transaction of
   * the partition's producer. False when this instance no longer owns the partition or the
   * transaction failed: the pending record stays, and the partition's owner gathers again.
   */
  synchronized boolean emit(PendingGathering pending, SignalsGathered signals) {
    KafkaProducer<byte[], byte[]> producer = producers.get(pending.partition());
    if (producer == null) {
      return false;
    }
    SignalsGathered sealed = signals.header().hash() == null ? EventCodec.seal(signals) : signals;
    try {
      producer.beginTransaction();
      for (ProducerRecord<byte[], byte[]> r :
          EventRecords.of(sealed, service, auditPartitions(producer), true, true)) {
        producer.send(r);
      }
      producer.send(
          new ProducerRecord<>(Topics.TRIAGE_INCIDENTS, pending.keyBytes(), (byte[]) null));
      producer.commitTransaction();
      return true;
    } catch (ProducerFencedException | InvalidProducerEpochException e) {
      LOG.info(
          "signals of {} not published: partition {} has a new owner, which gathers them",
          sealed.incidentId(),
          pending.partition());
      discard(pending.partition(), producer);
      return false;
    } catch (KafkaException e) {
      LOG.warn(
          "signals of {} not published ({}); the partition's owner gathers them again",
          sealed.incidentId(),
          e.toString());
      abort(pending.partition(), producer);
      return false;
    }
  }

  private void abort(int partition, KafkaProducer<byte[], byte[]> producer) {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      discard(partition, producer);
    }
  }

  private void discard(int partition, KafkaProducer<byte[], byte[]> producer) {
    producers.remove(partition);
    try {
      producer.close(java.time.Duration.ZERO);
    } catch (KafkaException e) {
      // Closing a fenced producer may fail again; it is gone either way.
    }
  }

  private int auditPartitions(KafkaProducer<byte[], byte[]> producer) {
    int known = auditPartitions;
    if (known == 0) {
      known = producer.partitionsFor(Topics.AUDIT).size();
      auditPartitions = known;
    }
    return known;
  }

  @Override
  public synchronized void close() {
    release(java.util.List.copyOf(producers.keySet()));
  }
}
