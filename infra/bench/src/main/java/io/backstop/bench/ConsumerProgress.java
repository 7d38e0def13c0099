package io.backstop.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Whether a consumer group has committed past given records: the group commits an offset only with
 * the transaction that processed the records before it, so a committed offset past a record means
 * that record's effects are committed too.
 */
final class ConsumerProgress implements AutoCloseable {

  private final Admin admin;
  private final String bootstrap;

  ConsumerProgress(String bootstrap) {
    this.bootstrap = bootstrap;
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  /** Per partition, the offset just past the last of {@code sent}. */
  static final class Marks {
    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();

    void sent(RecordMetadata m) {
      next.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max);
    }

    Map<TopicPartition, Long> next() {
      return Map.copyOf(next);
    }
  }

  /** Marks at the current end of {@code topic}: everything written to it so far. */
  Marks endOf(String topic) {
    try {
      var partitions =
          admin
              .describeTopics(java.util.List.of(topic))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS)
              .get(topic)
              .partitions()
              .stream()
              .collect(
                  java.util.stream.Collectors.toMap(
                      p -> new TopicPartition(topic, p.partition()),
                      p -> org.apache.kafka.clients.admin.OffsetSpec.latest()));
      Marks marks = new Marks();
      admin
          .listOffsets(partitions)
          .all()
          .get(10, TimeUnit.SECONDS)
          .forEach(
              (tp, info) -> {
                if (info.offset() > 0) {
                  marks.next.put(tp, info.offset() - 1);
                }
              });
      return marks;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the end of " + topic + ": " + e, e);
    }
  }

  /**
   * Marks past the last record of {@code topic} that a read_committed reader sees, beyond what
   * {@code group} has committed: everything the group has still to take. Records of an aborted
   * transaction (a webhook group commit that failed and was answered 503, then retried) are never
   * handed to the group, so it never commits past them; marks at the topic's end would wait for
   * ever when such a transaction ends a partition.
   */
  Marks visibleEndOf(String topic, String group) {
    Marks marks = endOf(topic);
    Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
    Map<TopicPartition, Long> from = new java.util.HashMap<>();
    marks.next.forEach(
        (tp, mark) -> {
          OffsetAndMetadata c = committed.get(tp);
          long position = c == null ? 0 : c.offset();
          if (position < mark) {
            from.put(tp, position);
          }
        });
    marks.next.keySet().retainAll(from.keySet());
    if (from.isEmpty()) {
      return marks;
    }
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(from.keySet());
      from.forEach(consumer::seek);
      Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
      Map<TopicPartition, Long> visible = new java.util.HashMap<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot read " + topic + " to its end within 60 s");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(java.time.Duration.ofMillis(200))) {
          visible.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
        }
      }
      marks.next.clear();
      marks.next.putAll(visible);
    }
    return marks;
  }

  /** Waits until {@code group} has committed past every mark; returns when (nanoTime). */
  long awaitCommitted(String group, Marks marks, long timeoutMillis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    Map<TopicPartition, Long> targets = marks.next();
    while (true) {
      Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
      boolean done =
          targets.entrySet().stream()
              .allMatch(
                  e -> {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    return c != null && c.offset() >= e.getValue();
                  });
      if (done) {
        return System.nanoTime();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            group
                + " did not commit past "
                + targets
                + " within "
                + timeoutMillis
                + " ms; at "
                + committed);
      }
      PipelineProbe.pause(20);
    }
  }

  private Map<TopicPartition, OffsetAndMetadata> committed(String group) {
    try {
      return admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the offsets of " + group + ": " + e, e);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
