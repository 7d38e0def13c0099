package io.backstop.triage.messaging;

import io.backstop.events.AlertReceived;
import io.backstop.events.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An opened incident whose signals are not published yet, as kept on the incident state topic under
 * {@code gather/<incident>}: the alerts topic and partition it was admitted from (whose owner
 * gathers it; the topic too, since deployments reading other alert topics may share the state
 * topic) and the alert as admitted (the signals chain to its hash). Written in the admission's
 * transaction; deleted (a tombstone) in the transaction that publishes the signals. Whoever owns
 * the partition after a crash or a rebalance finds it here and gathers it.
 */
record PendingGathering(String topic, int partition, AlertReceived admitted) {

  /**
   * Whether this was admitted from one of {@code owned}; a record without a topic matches by
   * number.
   */
  boolean from(java.util.Collection<org.apache.kafka.common.TopicPartition> owned) {
    return owned.stream()
        .anyMatch(tp -> tp.partition() == partition && (topic == null || topic.equals(tp.topic())));
  }

  static final String PREFIX = "gather/";

  static boolean isKey(String key) {
    return key.startsWith(PREFIX);
  }

  String key() {
    return key(admitted.incidentId().value());
  }

  static String key(String incident) {
    return PREFIX + incident;
  }

  byte[] keyBytes() {
    return key().getBytes(StandardCharsets.UTF_8);
  }

  byte[] toJson() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("topic", topic);
    doc.put("partition", partition);
    doc.put("alert", EventCodec.mapper().readTree(EventCodec.encode(admitted)));
    return EventCodec.mapper().writeValueAsBytes(doc);
  }

  static PendingGathering fromJson(byte[] json) {
    JsonNode doc = EventCodec.mapper().readTree(json);
    byte[] alert = EventCodec.mapper().writeValueAsBytes(doc.get("alert"));
    JsonNode topic = doc.get("topic");
    return new PendingGathering(
        topic == null || topic.isNull() ? null : topic.asString(),
        doc.get("partition").asInt(),
        EventCodec.decode(alert, AlertReceived.class));
  }
}
