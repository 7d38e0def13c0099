package io.backstop.stack.chaos;

import io.backstop.events.IncidentEvent;
import io.backstop.events.TopicSpec;
import io.backstop.stream.KafkaClientConfig;
import io.backstop.stream.publish.EventRecords;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What a chaos run writes to and counts on the broker, as someone who can produce to the topics
 * directly: raw records and events on stage topics (never on the audit topic, which only the
 * services write), and the number of records a topic holds.
 */
final class Wire implements AutoCloseable {

  private static final int TIMEOUT_SECONDS = 20;

  private final KafkaProducer<byte[], byte[]> producer;
  private final Admin admin;

  Wire(KafkaClientConfig client) {
    Map<String, Object> config = new HashMap<>(client.properties());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    Map<String, Object> adminConfig = new HashMap<>(client.properties());
    adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    admin = Admin.create(adminConfig);
  }

  /** A raw record, as anything with produce rights could write it. */
  void send(String topic, String key, byte[] value) {
    await(
        new ProducerRecord<>(
            topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
  }

  /** A sealed event on its stage topic, exactly as a service would write it (not audited). */
  void send(IncidentEvent sealed) {
    for (ProducerRecord<byte[], byte[]> record :
        EventRecords.of(sealed, "chaos", 1, TopicSpec.PARTITIONS, true, false)) {
      await(record);
    }
  }

  /** How many records the topic has held (the sum of its partitions' end offsets). */
  long records(String topic) {
    try {
      var partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .get(topic)
              .partitions();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(
          p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      return admin
          .listOffsets(latest)
          .all()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .values()
          .stream()
          .mapToLong(o -> o.offset())
          .sum();
    } catch (ExecutionException | TimeoutException e) {
      throw new ChaosException("cannot count the records of " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChaosException("interrupted counting the records of " + topic, e);
    }
  }

  private void await(ProducerRecord<byte[], byte[]> record) {
    try {
      producer.send(record).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new ChaosException("cannot write to " + record.topic(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChaosException("interrupted writing to " + record.topic(), e);
    }
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
    admin.close(java.time.Duration.ofSeconds(5));
  }
}
