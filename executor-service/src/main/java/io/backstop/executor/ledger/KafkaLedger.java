package io.backstop.executor.ledger;

import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.ActionId;
import io.backstop.executor.ActionLedger;
import io.backstop.executor.ExecutorProperties;
import io.backstop.executor.LedgerEntry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ledger on the compacted topic {@code backstop.executor-ledger.v1}, keyed by action id, latest
 * state wins. Writes go through a producer of its own, outside the consumer's transaction, and
 * return only once acknowledged by all in-sync replicas, so "in progress" is durable before the
 * write starts. The map is rebuilt from the whole topic on first use; if that fails, every call
 * fails and the executor fails closed.
 */
public final class KafkaLedger implements ActionLedger, AutoCloseable {

  private final ExecutorProperties.Ledger settings;
  private final Map<ActionId, LedgerEntry> entries = new ConcurrentHashMap<>();
  private final KafkaProducer<String, byte[]> producer;
  private volatile boolean loaded;

  public KafkaLedger(ExecutorProperties.Ledger settings) {
    this.settings = settings;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.CLIENT_ID_CONFIG,
                "executor-ledger"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  @Override
  public Optional<LedgerEntry> find(ActionId actionId) {
    load();
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
        TopicReader.readAll(
            settings.bootstrapServers(), List.of(settings.topic()), settings.rebuildTimeout())) {
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
