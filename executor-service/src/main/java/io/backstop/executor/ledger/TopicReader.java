package io.backstop.executor.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads whole topics from the beginning up to the end offsets seen when it starts, committed
 * records only, without a consumer group. Used to rebuild state on start; a topic that is missing
 * or cannot be read in time is an error, never an empty history.
 */
final class TopicReader {

  private TopicReader() {}

  static List<ConsumerRecord<String, byte[]>> readAll(
      String bootstrapServers, List<String> topics, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        var found = consumer.partitionsFor(topic, timeout);
        if (found == null || found.isEmpty()) {
          throw new LedgerUnavailableException("topic " + topic + " not found", null);
        }
        found.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (!end.entrySet().stream()
          .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
        if (Instant.now().isAfter(deadline)) {
          throw new LedgerUnavailableException(topics + " not read within " + timeout, null);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    } catch (KafkaException e) {
      throw new LedgerUnavailableException("could not read " + topics, e);
    }
    return records;
  }

  static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.CLIENT_ID_CONFIG,
            "executor-rebuild-" + UUID.randomUUID()),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }
}
