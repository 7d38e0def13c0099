package io.backstop.bench;

import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.stream.replay.ReadToEnd;
import io.backstop.triage.incident.IncidentRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Triage's committed group state, read back from its compacted topic ({@code read_committed}) the
 * one way Backstop reads a compacted topic ({@link ReadToEnd}).
 */
final class IncidentStates {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private IncidentStates() {}

  static Map<String, IncidentRecord> read(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    Map<String, IncidentRecord> state = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          ReadToEnd.partitions(consumer, Topics.TRIAGE_INCIDENTS, TIMEOUT, IncidentStates::failed);
      ReadToEnd.read(consumer, partitions, TIMEOUT, r -> apply(r, state), IncidentStates::failed);
    }
    return state;
  }

  private static void apply(ConsumerRecord<byte[], byte[]> r, Map<String, IncidentRecord> state) {
    String key = new String(r.key(), StandardCharsets.UTF_8);
    if (key.startsWith("gather/")) {
      return;
    }
    if (r.value() == null) {
      state.remove(key);
    } else {
      state.put(key, EventCodec.mapper().readValue(r.value(), IncidentRecord.class));
    }
  }

  private static IllegalStateException failed(String why) {
    return new IllegalStateException("triage's incident state was not read: " + why);
  }
}
