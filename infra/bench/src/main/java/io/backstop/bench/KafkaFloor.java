package io.backstop.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor: what Kafka alone costs for the pipeline's shape, on the same broker in the same run.
 * An outside producer sends one record (as an alert is sent); three relay hops each consume it
 * {@code read_committed} and produce it on in a transaction that also commits the consumed offset
 * (as triage, diagnosis and the guardrail do); an observer sees it once committed. That is four
 * record transfers, three of them transactional: the pipeline's alert-to-decision path with nothing
 * but Kafka in it. One record at a time (closed loop), so the figure is latency, not queueing.
 */
public final class KafkaFloor {

  /** One transactional hop (send to first relay's output visible) and the whole four-hop path. */
  public record Result(Distribution oneHop, Distribution fourHops) {}

  private static final int RELAYS = 3;

  private final String bootstrap;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  public KafkaFloor(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  public Result measure(int warmup, int samples) {
    List<String> topics = new ArrayList<>();
    for (int i = 0; i <= RELAYS; i++) {
      topics.add("bench.floor." + run + "." + i);
    }
    createTopics(topics);
    AtomicBoolean running = new AtomicBoolean(true);
    Arrivals firstHop = new Arrivals();
    Arrivals lastHop = new Arrivals();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < RELAYS; i++) {
      threads.add(start("floor-relay-" + i, relay(topics.get(i), topics.get(i + 1), i, running)));
    }
    threads.add(
        start(
            "floor-observer",
            observer(topics.get(1), topics.get(RELAYS), firstHop, lastHop, running)));
    long[] one = new long[samples];
    long[] four = new long[samples];
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(null))) {
      for (int i = 0; i < warmup + samples; i++) {
        String id = "r" + i;
        long sent = System.nanoTime();
        producer.send(new ProducerRecord<>(topics.get(0), bytes(id), bytes(id)));
        long last = lastHop.await(id, 30_000, "the floor's record " + id);
        if (i >= warmup) {
          one[i - warmup] = firstHop.await(id, 1_000, "the floor's record " + id) - sent;
          four[i - warmup] = last - sent;
        }
      }
    } finally {
      running.set(false);
      threads.forEach(KafkaFloor::join);
      deleteTopics(topics);
    }
    return new Result(Distribution.of(one), Distribution.of(four));
  }

  private Runnable relay(String from, String to, int index, AtomicBoolean running) {
    return () -> {
      Properties config = consumerConfig("bench-floor-" + run + "-" + index);
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config);
          KafkaProducer<byte[], byte[]> producer =
              new KafkaProducer<>(producerConfig("bench-floor-" + run + "-" + index))) {
        producer.initTransactions();
        consumer.subscribe(List.of(from));
        while (running.get()) {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
          if (records.isEmpty()) {
            continue;
          }
          producer.beginTransaction();
          Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
          for (ConsumerRecord<byte[], byte[]> r : records) {
            producer.send(new ProducerRecord<>(to, r.key(), r.value()));
            offsets.put(
                new TopicPartition(r.topic(), r.partition()),
                new OffsetAndMetadata(r.offset() + 1));
          }
          producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
          producer.commitTransaction();
        }
      }
    };
  }

  private Runnable observer(
      String first, String last, Arrivals firstSeen, Arrivals lastSeen, AtomicBoolean running) {
    return () -> {
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(consumerConfig("bench-floor-observer-" + run))) {
        consumer.subscribe(List.of(first, last));
        while (running.get()) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            long now = System.nanoTime();
            String id = new String(r.value(), StandardCharsets.UTF_8);
            (r.topic().equals(first) ? firstSeen : lastSeen).arrived(id, now);
          }
        }
      }
    };
  }

  private void createTopics(List<String> topics) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList())
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the floor's topics: " + e, e);
    }
  }

  private void deleteTopics(List<String> topics) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // A leftover benchmark topic harms nothing; the figures stand.
    }
  }

  private Properties consumerConfig(String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return p;
  }

  private Properties producerConfig(String transactionalId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    if (transactionalId != null) {
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    return p;
  }

  static Thread start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  static void join(Thread t) {
    try {
      t.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
