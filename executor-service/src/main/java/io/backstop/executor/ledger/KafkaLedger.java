package io.backstop.executor.ledger;

import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.ActionId;
import io.backstop.executor.ExecutorProperties;
import io.backstop.stream.KafkaClientConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The ledger on the compacted topic {@code backstop.executor-ledger.v1}, keyed by action id, latest
 * state wins. {@link #record} goes through a producer of its own, outside the consumer's
 * transaction, and returns only once acknowledged by all in-sync replicas, so "in progress" is
 * durable before the write starts. {@link #settle} (the final entry, with the outcome) goes through
 * the binder's transactional producer into the consumer's transaction that carries the outcome
 * event. The rebuild reads committed records only; in this instance a settled entry stays pending
 * (with the offset the broker gave it) until it is asked for again, and then a {@code
 * read_committed} read of that one offset tells whether its transaction committed (the record is
 * there) or was aborted (the position skips it). So an entry with an outcome exists exactly when
 * the outcome does. The map is rebuilt from the whole topic on first use; if that fails, every call
 * fails and the executor fails closed.
 */
public final class KafkaLedger implements ActionLedger, AutoCloseable {

  private final ExecutorProperties.Ledger settings;
  private final KafkaClientConfig client;
  private final Map<ActionId, LedgerEntry> entries = new ConcurrentHashMap<>();
  private final Map<ActionId, Pending> pending = new ConcurrentHashMap<>();
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaTemplate<byte[], byte[]> transactional;
  private volatile boolean loaded;

  /** A ledger whose final entries are durable at once (no consumer transaction to join). */
  public KafkaLedger(ExecutorProperties.Ledger settings) {
    this(settings, null, KafkaClientConfig.plaintext(settings.bootstrapServers()));
  }

  /**
   * @param transactional the binder's transactional producer factory, whose transaction the
   *     consumer of approvals runs in; {@code null} = final entries are recorded like the others
   */
  public KafkaLedger(
      ExecutorProperties.Ledger settings,
      ProducerFactory<byte[], byte[]> transactional,
      KafkaClientConfig client) {
    this.settings = settings;
    this.client = client;
    this.transactional =
        transactional != null && transactional.transactionCapable()
            ? new KafkaTemplate<>(transactional)
            : null;
    this.producer =
        new KafkaProducer<>(
            producerConfig(client), new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public Optional<LedgerEntry> find(ActionId actionId) {
    load();
    Pending settled = pending.get(actionId);
    if (settled != null) {
      if (settled.transaction() == currentTransaction()) {
        return Optional.of(settled.entry()); // this very transaction settled it: read your write
      }
      pending.remove(actionId);
      if (committed(settled)) {
        entries.put(actionId, settled.entry());
      }
    }
    return Optional.ofNullable(entries.get(actionId));
  }

  @Override
  public void record(LedgerEntry entry) {
    load();
    byte[] value = EventCodec.mapper().writeValueAsBytes(entry);
    try {
      producer
          .send(new ProducerRecord<>(settings.topic(), entry.actionId().toString(), value))
          .get(settings.rebuildTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerUnavailableException("interrupted writing " + entry, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new LedgerUnavailableException("could not write " + entry, e);
    }
    entries.put(entry.actionId(), entry);
  }

  @Override
  public void settle(LedgerEntry entry) {
    load();
    if (transactional == null || !transactional.inTransaction()) {
      record(entry);
      return;
    }
    byte[] key = entry.actionId().toString().getBytes(StandardCharsets.UTF_8);
    try {
      RecordMetadata sent =
          transactional
              .send(settings.topic(), key, EventCodec.mapper().writeValueAsBytes(entry))
              .get(settings.rebuildTimeout().toMillis(), TimeUnit.MILLISECONDS)
              .getRecordMetadata();
      pending.put(
          entry.actionId(),
          new Pending(entry, sent.partition(), sent.offset(), currentTransaction()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerUnavailableException("interrupted settling " + entry, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new LedgerUnavailableException("could not settle " + entry, e);
    }
  }

  /**
   * Whether the transaction that carried a settled entry committed. It has ended (its consumer
   * handles one record at a time), so the offset is reached as soon as the broker has written the
   * transaction's markers.
   */
  private boolean committed(Pending settled) {
    TopicPartition partition = new TopicPartition(settings.topic(), settled.partition());
    Instant deadline = Instant.now().plus(settings.rebuildTimeout());
    try (KafkaConsumer<String, byte[]> consumer = TopicReader.consumer(client)) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, settled.offset());
      while (Instant.now().isBefore(deadline)) {
        var records = consumer.poll(Duration.ofMillis(100));
        if (!records.isEmpty()) {
          return records.iterator().next().offset() == settled.offset();
        }
        if (consumer.position(partition) > settled.offset()) {
          return false;
        }
      }
    } catch (KafkaException e) {
      throw new LedgerUnavailableException("could not read back " + settled.entry(), e);
    }
    throw new LedgerUnavailableException(
        "could not tell within "
            + settings.rebuildTimeout()
            + " whether the outcome of "
            + settled.entry().actionId()
            + " committed",
        null);
  }

  private static Map<String, Object> producerConfig(KafkaClientConfig client) {
    Map<String, Object> config = new java.util.HashMap<>(client.properties());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "executor-ledger");
    return config;
  }

  /** The client settings (bootstrap and security) the ledger reads and writes with. */
  public KafkaClientConfig client() {
    return client;
  }

  /** The consumer's transaction bound to this thread (its producer holder), or null. */
  private Object currentTransaction() {
    return transactional == null
        ? null
        : TransactionSynchronizationManager.getResource(transactional.getProducerFactory());
  }

  /**
   * A final entry sent in a consumer's transaction (identified by its resource holder), at this
   * offset, not yet known to have committed.
   */
  private record Pending(LedgerEntry entry, int partition, long offset, Object transaction) {}

  @Override
  public Collection<LedgerEntry> entries() {
    load();
    return List.copyOf(entries.values());
  }

  private void load() {
    if (!loaded) {
      synchronized (this) {
        if (!loaded) {
          rebuild();
          loaded = true;
        }
      }
    }
  }

  private void rebuild() {
    for (ConsumerRecord<String, byte[]> record :
        TopicReader.readAll(client, List.of(settings.topic()), settings.rebuildTimeout())) {
      if (record.value() != null) {
        LedgerEntry entry = EventCodec.mapper().readValue(record.value(), LedgerEntry.class);
        entries.put(entry.actionId(), entry);
      }
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
