package io.backstop.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a consumer group has committed past given records: the group commits an offset only with
 * the transaction that processed the records before it, so a committed offset past a record means
 * that record's effects are committed too.
 */
final class ConsumerProgress implements AutoCloseable {

  private final Admin admin;

  ConsumerProgress(String bootstrap) {
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
