package io.backstop.triage.messaging;

import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.stream.replay.ReadToEnd;
import io.backstop.triage.incident.IncidentRecord;
import io.backstop.triage.incident.IncidentStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Group state on the compacted topic {@link Topics#TRIAGE_INCIDENTS}, keyed by group key, with a
 * cache in front (the same topic holds the {@link PendingGathering}s, keyed {@code gather/...}).
 * The topic is read from the beginning on first use, so dedup survives a restart. A save is sent
 * through the binder's transactional producer and so commits with the consumed alert; the cache
 * sees it only after that commit (before, a thread-local overlay does), so a rolled-back admission
 * can never leave the cache believing an incident was opened.
 */
public final class KafkaIncidentStore implements IncidentStore {

  private final KafkaTemplate<byte[], byte[]> template;
  private final io.backstop.stream.KafkaClientConfig client;
  private final Duration loadTimeout;
  private final Map<String, IncidentRecord> cache = new ConcurrentHashMap<>();
  private final ThreadLocal<Map<String, IncidentRecord>> uncommitted =
      ThreadLocal.withInitial(HashMap::new);
  private volatile boolean loaded;

  public KafkaIncidentStore(
      ProducerFactory<byte[], byte[]> transactional,
      String bootstrapServers,
      Duration loadTimeout) {
    this(
        transactional,
        io.backstop.stream.KafkaClientConfig.plaintext(bootstrapServers),
        loadTimeout);
  }

  public KafkaIncidentStore(
      ProducerFactory<byte[], byte[]> transactional,
      io.backstop.stream.KafkaClientConfig client,
      Duration loadTimeout) {
    this.template = new KafkaTemplate<>(transactional);
    this.client = client;
    this.loadTimeout = loadTimeout;
  }

  @Override
  public Optional<IncidentRecord> find(String groupKey) {
    ensureLoaded();
    IncidentRecord own = uncommitted.get().get(groupKey);
    return Optional.ofNullable(own != null ? own : cache.get(groupKey));
  }

  @Override
  public void save(IncidentRecord state) {
    if (template.inTransaction() && TransactionSynchronizationManager.isSynchronizationActive()) {
      saveWithTransaction(state);
    } else if (template.inTransaction()) {
      template.send(record(state));
      cache.put(state.groupKey(), state);
    } else {
      template.executeInTransaction(ops -> ops.send(record(state)));
      cache.put(state.groupKey(), state);
    }
  }

  private static ProducerRecord<byte[], byte[]> record(IncidentRecord state) {
    return new ProducerRecord<>(
        Topics.TRIAGE_INCIDENTS,
        state.groupKey().getBytes(StandardCharsets.UTF_8),
        EventCodec.mapper().writeValueAsBytes(state));
  }

  /**
   * In the consumer's transaction a group's state is written once, its last, just before the
   * transaction commits: a batch of 500 alerts for 10 groups writes 10 state records, not 500 (each
   * carrying the group's firing fingerprints, up to {@link IncidentRecord#MAX_FINGERPRINTS}). The
   * records still commit with the batch's offsets or not at all; until then only this thread sees
   * the new states (the overlay), and the cache only once the transaction committed.
   */
  private void saveWithTransaction(IncidentRecord state) {
    Map<String, IncidentRecord> overlay = uncommitted.get();
    boolean first = overlay.isEmpty();
    overlay.put(state.groupKey(), state);
    if (first) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
              overlay.values().forEach(s -> template.send(record(s)));
            }

            @Override
            public void afterCompletion(int status) {
              if (status == STATUS_COMMITTED) {
                cache.putAll(overlay);
              }
              overlay.clear();
            }
          });
    }
  }

  /**
   * Forgets the cache; the next admission reads the state topic again. Called on every partition
   * assignment: with several instances, a group may arrive from another instance's partitions.
   */
  public synchronized void reload() {
    loaded = false;
    cache.clear();
  }

  /**
   * The incidents admitted whose signals were not published (see {@link PendingGathering}), read
   * from the topic now: call it once the partitions' signals producers have started, so a record a
   * fenced owner could still have published is never read as pending. A read of its own, apart from
   * the cache, so it runs off the consumer thread.
   */
  public List<PendingGathering> pendingGatherings() {
    Map<String, PendingGathering> gatherings = new HashMap<>();
    readAll(null, gatherings);
    return List.copyOf(gatherings.values());
  }

  /** Number of groups known; for tests and metrics. */
  public int size() {
    ensureLoaded();
    return cache.size();
  }

  private synchronized void ensureLoaded() {
    if (loaded) {
      return;
    }
    Map<String, IncidentRecord> state = new HashMap<>();
    readAll(state, null);
    cache.putAll(state);
    loaded = true;
  }

  /** Reads the topic to its end into {@code state} and {@code gatherings}; either may be null. */
  private void readAll(
      Map<String, IncidentRecord> state, Map<String, PendingGathering> gatherings) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.TRIAGE_INCIDENTS, loadTimeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      ReadToEnd.read(
          consumer,
          partitions,
          loadTimeout,
          r -> apply(state, gatherings, r),
          why ->
              new IllegalStateException(
                  "incident state: " + why + "; refusing to dedup from partial state"));
    }
  }

  private static void apply(
      Map<String, IncidentRecord> state,
      Map<String, PendingGathering> gatherings,
      ConsumerRecord<byte[], byte[]> r) {
    String key = new String(r.key(), StandardCharsets.UTF_8);
    if (PendingGathering.isKey(key)) {
      if (gatherings == null) {
        return;
      }
      if (r.value() == null) {
        gatherings.remove(key);
      } else {
        gatherings.put(key, PendingGathering.fromJson(r.value()));
      }
    } else if (state == null) {
      return;
    } else if (r.value() == null) {
      state.remove(key);
    } else {
      state.put(key, EventCodec.mapper().readValue(r.value(), IncidentRecord.class));
    }
  }

  private Properties consumerProperties() {
    Properties p = new Properties();
    p.putAll(client.properties());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return p;
  }
}
