package io.backstop.triage.messaging;

import io.backstop.events.SignalsGathered;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.stream.publish.EventRecords;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * partition starts its producer (which bumps the id's epoch, so the transaction of an instance that
 * lost the partition, a zombie still gathering, can no longer commit, and what it had begun is
 * aborted) before it reads the pending records it will gather again: {@link #acquire} completes
 * only once every producer is started.
 *
 * <p>Starting a producer takes broker round trips (the transaction coordinator's lookup and
 * InitProducerId: 0.5-1.6 s each on a loaded machine), so it never runs on the consumer thread:
 * {@link #acquire} and {@link #release} hand the work to one lifecycle thread and return at once,
 * and the thread keeps their order, so a partition given up and taken back starts its new producer
 * only after the old one is closed (the old one can never fence the new). A publication waits for
 * its partition's producer; publications of different partitions run side by side, one at a time
 * per producer.
 */
final class SignalsEmitter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SignalsEmitter.class);

  /** How long a publication waits for its partition's producer to start. */
  static final Duration START_WAIT = Duration.ofSeconds(90);

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final Map<String, Object> producerConfig;
  private final String service;
  private final String idPrefix;
  private final ExecutorService lifecycle;
  private final Map<Integer, Slot> slots = new HashMap<>();
  private volatile int auditPartitions;

  /**
   * One owned partition's producer: started on the lifecycle thread; used under its own lock, one
   * transaction at a time; closed once, after which nothing more is published through it.
   */
  private static final class Slot {
    final int partition;
    final CompletableFuture<KafkaProducer<byte[], byte[]>> started = new CompletableFuture<>();
    boolean closed;

    Slot(int partition) {
      this.partition = partition;
    }
  }

  /**
   * @param group the consumer group of the alerts binding
   * @param topic the alerts topic it consumes: with the group, whose partitions these are
   */
  SignalsEmitter(
      Map<String, Object> binderProducerConfig, String service, String group, String topic) {
    this(
        binderProducerConfig,
        service,
        group,
        topic,
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "triage-signals-producers");
              t.setDaemon(true);
              return t;
            }));
  }

  /** With the lifecycle thread given (a test holds its tasks to show the caller never waits). */
  SignalsEmitter(
      Map<String, Object> binderProducerConfig,
      String service,
      String group,
      String topic,
      ExecutorService lifecycle) {
    Map<String, Object> config = new HashMap<>(binderProducerConfig);
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producerConfig = Map.copyOf(config);
    this.service = service;
    this.idPrefix = group + "." + topic + ".signals-";
    this.lifecycle = lifecycle;
  }

  String transactionalId(int partition) {
    return idPrefix + partition;
  }

  /**
   * Takes the partitions over: their producers start on the lifecycle thread, fencing whoever held
   * them before. Returns at once; the future completes when every one of them has started (or
   * failed to: a partition whose producer did not start publishes nothing until it is taken again).
   * Read the pending records to gather again only after it completed.
   */
  synchronized CompletableFuture<Void> acquire(Collection<Integer> partitions) {
    List<CompletableFuture<?>> starts = new java.util.ArrayList<>();
    for (int p : partitions) {
      Slot slot = slots.get(p);
      if (slot == null) {
        Slot fresh = new Slot(p);
        slots.put(p, fresh);
        lifecycle.execute(() -> start(fresh));
        slot = fresh;
      }
      starts.add(slot.started.handle((producer, failure) -> null));
    }
    return CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new));
  }

  /**
   * Gives the partitions up: nothing more is published for incidents admitted from them. Their
   * producers close on the lifecycle thread, after a publication under way has finished.
   */
  synchronized void release(Collection<Integer> partitions) {
    for (int p : partitions) {
      Slot slot = slots.remove(p);
      if (slot != null) {
        lifecycle.execute(() -> close(slot, CLOSE_WAIT));
      }
    }
  }

  synchronized boolean owns(int partition) {
    return slots.containsKey(partition);
  }

  /**
   * Publishes the signals (stage and audit) and deletes the pending record, in one transaction of
   * the partition's producer. False when this instance no longer owns the partition, its producer
   * did not start, or the transaction failed: the pending record stays, and the partition's owner
   * gathers again.
   */
  boolean emit(PendingGathering pending, SignalsGathered signals) {
    Slot slot;
    synchronized (this) {
      slot = slots.get(pending.partition());
    }
    if (slot == null) {
      return false;
    }
    KafkaProducer<byte[], byte[]> producer = started(slot, signals);
    if (producer == null) {
      return false;
    }
    SignalsGathered sealed = signals.header().hash() == null ? EventCodec.seal(signals) : signals;
    synchronized (slot) {
      if (slot.closed) {
        return false;
      }
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
        discard(slot);
        return false;
      } catch (KafkaException e) {
        LOG.warn(
            "signals of {} not published ({}); the partition's owner gathers them again",
            sealed.incidentId(),
            e.toString());
        abort(slot, producer);
        return false;
      }
    }
  }

  private KafkaProducer<byte[], byte[]> started(Slot slot, SignalsGathered signals) {
    try {
      return slot.started.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn(
          "signals of {} not published: the producer of partition {} did not start ({})",
          signals.incidentId(),
          slot.partition,
          e instanceof ExecutionException ? e.getCause().toString() : "no answer in " + START_WAIT);
      return null;
    }
  }

  /** On the lifecycle thread: the partition's producer starts and fences its previous holder. */
  private void start(Slot slot) {
    Map<String, Object> config = new HashMap<>(producerConfig);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(slot.partition));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId(slot.partition));
    KafkaProducer<byte[], byte[]> producer = null;
    try {
      producer = new KafkaProducer<>(config);
      producer.initTransactions();
      slot.started.complete(producer);
    } catch (RuntimeException e) {
      LOG.warn(
          "the signals producer of partition {} did not start: {}", slot.partition, e.toString());
      if (producer != null) {
        producer.close(Duration.ZERO);
      }
      slot.started.completeExceptionally(e);
    }
  }

  /** On the lifecycle thread: waits for a publication under way, then closes the producer. */
  private static void close(Slot slot, Duration wait) {
    KafkaProducer<byte[], byte[]> producer = slot.started.getNow(null);
    synchronized (slot) {
      slot.closed = true;
      if (producer != null) {
        try {
          producer.close(wait);
        } catch (KafkaException e) {
          // Closing a fenced producer may fail again; it is gone either way.
        }
      }
    }
  }

  private void abort(Slot slot, KafkaProducer<byte[], byte[]> producer) {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      discard(slot);
    }
  }

  /** Under the slot's lock: a fenced or broken producer is dropped at once. */
  private void discard(Slot slot) {
    synchronized (this) {
      slots.remove(slot.partition, slot);
    }
    close(slot, Duration.ZERO);
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
  public void close() {
    synchronized (this) {
      release(List.copyOf(slots.keySet()));
    }
    lifecycle.shutdown();
    try {
      if (!lifecycle.awaitTermination(30, TimeUnit.SECONDS)) {
        lifecycle.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lifecycle.shutdownNow();
    }
  }
}
