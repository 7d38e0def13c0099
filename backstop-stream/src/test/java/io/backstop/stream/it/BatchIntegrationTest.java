package io.backstop.stream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.AlertReceived;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.stream.deadletter.DeadLetterHeaders;
import io.backstop.stream.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The guarantees of a batch hop: one transaction per poll, so every input has exactly one committed
 * output however many share a batch; a failing record is retried with its batch and dead-lettered
 * alone; nothing a handler emits is visible unless its batch committed.
 */
@BatchStreamIntegration
class BatchIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String DLQ = Topics.deadLetter(Topics.ALERTS);

  @Autowired Invocations invocations;
  @Autowired BatchSizes sizes;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @Test
  void everyInputOfABatchHasExactlyOneCommittedOutput() {
    String key = "batch-many";
    List<AlertReceived> alerts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      alerts.add(TestAlerts.alert(key, "HighErrorRatio" + i));
    }
    try (var probe = TopicProbe.connect(bootstrap)) {
      alerts.forEach(a -> probe.send(Topics.ALERTS, a));
      List<IncidentEvent> out = events(probe, Topics.ESCALATIONS, key, alerts.size());
      assertThat(out)
          .extracting(e -> e.header().causationId())
          .containsExactlyInAnyOrderElementsOf(
              alerts.stream().map(IncidentEvent::eventId).toList());
      assertThat(events(probe, Topics.AUDIT, key, alerts.size() + 1))
          .as("the audit holds each output once (and the first sentinel's)")
          .hasSize(alerts.size() + 1);
    }
    assertThat(sizes.largest())
        .as("records sent together were handled as one batch")
        .isGreaterThan(1);
  }

  @Test
  void aPoisonRecordInABatchIsDeadLetteredAloneAndHandedToTheFunctionOnce() {
    String key = "batch-poison";
    AlertReceived before = TestAlerts.alert(key, "Before");
    AlertReceived after = TestAlerts.alert(key, "After");
    byte[] garbage = "\u0000 not an event".getBytes(StandardCharsets.UTF_8);
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.ALERTS, before);
      probe.send(Topics.ALERTS, key, garbage);
      probe.send(Topics.ALERTS, after);

      assertThat(events(probe, Topics.ESCALATIONS, key, 2))
          .extracting(e -> e.header().causationId())
          .containsExactlyInAnyOrder(before.eventId(), after.eventId());
      List<ConsumerRecord<String, byte[]>> dead = withKey(probe, DLQ, key, 1);
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).value()).isEqualTo(garbage);
      assertThat(TopicProbe.header(dead.get(0), DeadLetterHeaders.ERROR_CLASS))
          .isEqualTo(EventDecodingException.class.getName());
      assertThat(TopicProbe.header(dead.get(0), "kafka_dlt-original-topic"))
          .isEqualTo(Topics.ALERTS);
    }
    assertThat(invocations.of(garbage)).isEqualTo(1);
  }

  @Test
  void aFailingRecordIsRetriedWithItsBatchThenDeadLetteredAndTheOthersCommitOnce() {
    String key = "batch-transient";
    AlertReceived good = TestAlerts.alert(key, "Good");
    AlertReceived failing = TestAlerts.alert(key, StreamTestApplication.ALWAYS_FAILS);
    AlertReceived later = TestAlerts.alert(key, "Later");
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.ALERTS, good);
      probe.send(Topics.ALERTS, failing);
      probe.send(Topics.ALERTS, later);

      List<ConsumerRecord<String, byte[]>> dead = withKey(probe, DLQ, key, 1);
      assertThat(TopicProbe.header(dead.get(0), DeadLetterHeaders.ERROR_MESSAGE))
          .isEqualTo("downstream unavailable for " + key);
      assertThat(events(probe, Topics.ESCALATIONS, key, 2))
          .as("each good record committed exactly once, however often its batch was retried")
          .extracting(e -> e.header().causationId())
          .containsExactlyInAnyOrder(good.eventId(), later.eventId());
    }
    assertThat(invocations.of(EventCodec.encode(failing))).isEqualTo(3);
  }

  @Test
  void whatAHandlerEmittedIsNeverVisibleUnlessItsBatchCommitted() {
    String key = "batch-aborted";
    AlertReceived good = TestAlerts.alert(key, "Good");
    AlertReceived failsLate = TestAlerts.alert(key, StreamTestApplication.FAILS_AFTER_PUBLISHING);
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.ALERTS, good);
      probe.send(Topics.ALERTS, failsLate);

      withKey(probe, DLQ, key, 1);
      assertThat(events(probe, Topics.ESCALATIONS, key, 1))
          .extracting(e -> e.header().causationId())
          .containsExactly(good.eventId());
    }
    // Every attempt did send its escalation, inside a transaction that was then aborted: a reader
    // that also sees aborted records finds them, a read_committed reader (every Backstop
    // consumer) never does.
    Set<String> uncommitted =
        readUncommitted(Topics.ESCALATIONS, key).stream()
            .map(r -> EventCodec.decode(r.value()).header().causationId().toString())
            .collect(Collectors.toSet());
    assertThat(uncommitted).contains(failsLate.eventId().toString());
  }

  /**
   * Everything committed to {@code topic} for the key, counted only once a sentinel sent after the
   * inputs has its output: the partition is ordered and batches commit in order, so a duplicate of
   * any earlier input would be committed before it and cannot be missed. The sentinel's own records
   * are left out.
   */
  private static List<IncidentEvent> events(TopicProbe probe, String topic, String key, int count) {
    AlertReceived sentinel = TestAlerts.alert(key, "Sentinel" + topic + count);
    probe.send(Topics.ALERTS, sentinel);
    return withKey(probe, topic, key, count + 1).stream()
        .map(r -> EventCodec.decode(r.value()))
        .filter(e -> !e.header().causationId().equals(sentinel.eventId()))
        .toList();
  }

  private static List<ConsumerRecord<String, byte[]>> withKey(
      TopicProbe probe, String topic, String key, int count) {
    return probe
        .readUntil(topic, rs -> rs.stream().filter(r -> matches(r, key)).count() >= count, WAIT)
        .stream()
        .filter(r -> matches(r, key))
        .toList();
  }

  private static boolean matches(ConsumerRecord<String, byte[]> r, String key) {
    return r.key() != null && (r.key().equals(key) || r.key().startsWith(key + "/"));
  }

  private List<ConsumerRecord<String, byte[]>> readUncommitted(String topic, String key) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(
                r -> {
                  if (matches(r, key)) {
                    seen.add(r);
                  }
                });
      }
      return seen;
    }
  }
}
