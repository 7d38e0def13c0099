package io.backstop.escalation.messaging;

import io.backstop.escalation.console.ConsoleBoard;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.stream.KafkaClientConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Feeds the console's {@link ConsoleBoard} from the audit topic: every partition from the
 * beginning, {@code read_committed}, without a consumer group (it commits nothing; every console
 * instance reads the whole log), then follows new records as they are committed. A record that
 * cannot be read is logged with its offset and counted, never applied. Once it has read up to where
 * the log ended at start, the board is marked caught up.
 */
public final class AuditTail implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(AuditTail.class);

  private final Map<String, Object> config;
  private final ConsoleBoard board;
  private final AtomicLong unreadable = new AtomicLong();
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile Thread thread;
  private volatile boolean running;

  public AuditTail(KafkaClientConfig client, ConsoleBoard board) {
    Map<String, Object> settings = new HashMap<>(client.properties());
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "backstop-console-audit-tail");
    this.config = Map.copyOf(settings);
    this.board = board;
  }

  /** Records that could not be read as events so far. */
  public long unreadable() {
    return unreadable.get();
  }

  @Override
  public void start() {
    running = true;
    Thread t = new Thread(this::run, "console-audit-tail");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  @Override
  public void stop() {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    Thread t = thread;
    if (t != null) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    thread = null;
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }

  private void run() {
    while (running) {
      try (var c =
          new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
        consumer = c;
        follow(c);
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warn("audit tail failed; reading the log again in 2s: {}", e.toString());
        pause();
      } finally {
        consumer = null;
      }
    }
  }

  private void follow(KafkaConsumer<String, byte[]> c) {
    List<TopicPartition> partitions = partitions(c);
    c.assign(partitions);
    c.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(30));
    boolean caughtUp = false;
    while (running) {
      for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
        apply(record);
      }
      if (!caughtUp && partitions.stream().allMatch(tp -> c.position(tp) >= end.get(tp))) {
        caughtUp = true;
        board.caughtUp();
      }
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
    while (running) {
      List<TopicPartition> all =
          c.partitionsFor(Topics.AUDIT, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      if (!all.isEmpty()) {
        return all;
      }
      LOG.info("waiting for topic {} to exist", Topics.AUDIT);
      pause();
    }
    throw new WakeupException();
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      unreadable.incrementAndGet();
      LOG.warn("audit record {}-{} is a tombstone", record.partition(), record.offset());
      return;
    }
    try {
      board.apply(EventCodec.decode(record.value()));
    } catch (EventDecodingException e) {
      unreadable.incrementAndGet();
      LOG.warn(
          "audit record {}-{} ({}) is unreadable: {}",
          record.partition(),
          record.offset(),
          record.key(),
          e.getMessage());
    }
  }

  private static void pause() {
    try {
      Thread.sleep(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
