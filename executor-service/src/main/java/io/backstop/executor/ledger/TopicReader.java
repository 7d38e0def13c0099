package io.backstop.executor.ledger;

import io.backstop.stream.KafkaClientConfig;
import io.backstop.stream.replay.ReadToEnd;
import java.time.Duration;
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
      KafkaClientConfig client, List<String> topics, Duration timeout) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer(client)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        partitions.addAll(ReadToEnd.partitions(consumer, topic, timeout, TopicReader::unavailable));
      }
      ReadToEnd.read(consumer, partitions, timeout, records::add, TopicReader::unavailable);
    } catch (KafkaException e) {
      throw new LedgerUnavailableException("could not read " + topics, e);
    }
    return records;
  }

  private static LedgerUnavailableException unavailable(String why) {
    return new LedgerUnavailableException(why, null);
  }

  static KafkaConsumer<String, byte[]> consumer(KafkaClientConfig client) {
    Map<String, Object> config = new java.util.HashMap<>(client.properties());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "executor-rebuild-" + UUID.randomUUID());
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
