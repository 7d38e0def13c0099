package io.backstop.executor.ledger;

import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.ActionId;
import io.backstop.executor.ActionLedger;
import io.backstop.executor.ExecutorProperties;
import io.backstop.executor.LedgerEntry;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
    Instant deadline = Instant.now().plus(settings.rebuildTimeout());
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(settings.topic(), settings.rebuildTimeout()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        throw new LedgerUnavailableException(
            "ledger topic " + settings.topic() + " not found", null);
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (!caughtUp(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new LedgerUnavailableException(
              "ledger " + settings.topic() + " not read within " + settings.rebuildTimeout(), null);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          apply(record);
        }
      }
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new LedgerUnavailableException("could not read " + settings.topic(), e);
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return;
    }
    LedgerEntry entry = EventCodec.mapper().readValue(record.value(), LedgerEntry.class);
    entries.put(entry.actionId(), entry);
  }

  private static boolean caughtUp(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            settings.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.CLIENT_ID_CONFIG,
            "executor-ledger-rebuild"),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
