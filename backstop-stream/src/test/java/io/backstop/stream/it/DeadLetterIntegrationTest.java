package io.backstop.stream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.AlertReceived;
import io.backstop.events.Escalated;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventDecodingException;
import io.backstop.events.codec.EventIntegrityException;
import io.backstop.stream.deadletter.DeadLetterHeaders;
import io.backstop.stream.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

@StreamIntegration
class DeadLetterIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String DLQ = Topics.deadLetter(Topics.ALERTS);

  @Autowired Invocations invocations;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @Test
  void poisonRecordsGoToTheDeadLetterTopicWithTheReasonAndTheConsumerGoesOn() {
    String key = "dlq-poison";
    AlertReceived valid = TestAlerts.alert(key);
    String json = EventCodec.encodeToString(valid);
    byte[] garbage = "\u0000\u0001 not json at all".getBytes(StandardCharsets.UTF_8);
    byte[] unknownType =
        utf8(json.replace("\"type\":\"AlertReceived\"", "\"type\":\"AlertDeleted\""));
    byte[] missingField = utf8(json.replace("\"alertname\":\"HighErrorRatio\",", ""));

    try (var probe = TopicProbe.connect(bootstrap)) {
      // All on one key, so on one partition, in this order: the valid record comes last.
      probe.send(Topics.ALERTS, key, garbage);
      probe.send(Topics.ALERTS, key, unknownType);
      probe.send(Topics.ALERTS, key, missingField);
      probe.send(Topics.ALERTS, key, EventCodec.encode(valid));

      List<ConsumerRecord<String, byte[]>> escalated = withKey(probe, Topics.ESCALATIONS, key, 1);
      assertThat(EventCodec.decode(escalated.get(0).value())).isInstanceOf(Escalated.class);

      List<ConsumerRecord<String, byte[]>> dead = withKey(probe, DLQ, key, 3);
      assertThat(dead).hasSize(3);
      assertThat(dead.stream().map(r -> TopicProbe.header(r, DeadLetterHeaders.ERROR_FIELD)))
          .containsExactly("$", "type", "alertname");
      assertThat(dead)
          .allSatisfy(
              r -> {
                assertThat(TopicProbe.header(r, DeadLetterHeaders.ERROR_CLASS))
                    .isEqualTo(EventDecodingException.class.getName());
                assertThat(TopicProbe.header(r, "kafka_dlt-original-topic"))
                    .isEqualTo(Topics.ALERTS);
              });
      assertThat(TopicProbe.header(dead.get(1), DeadLetterHeaders.ERROR_MESSAGE))
          .contains("AlertDeleted");
      assertThat(dead.get(0).value()).isEqualTo(garbage);
    }
    assertThat(List.of(garbage, unknownType, missingField))
        .as("poison is not transient: each record is handed to the function exactly once")
        .allSatisfy(payload -> assertThat(invocations.of(payload)).isEqualTo(1));
  }

  @Test
  void anEventEditedAfterItWasSealedIsPoisonAndGoesToTheDeadLetterTopic() {
    String key = "dlq-tampered";
    AlertReceived sealed = TestAlerts.alert(key);
    byte[] tampered =
        utf8(EventCodec.encodeToString(sealed).replace("HighErrorRatio", "NothingToSeeHere"));

    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.ALERTS, key, tampered);
      probe.send(Topics.ALERTS, sealed);

      withKey(probe, Topics.ESCALATIONS, key, 1);
      List<ConsumerRecord<String, byte[]>> dead = withKey(probe, DLQ, key, 1);
      assertThat(dead).hasSize(1);
      assertThat(TopicProbe.header(dead.get(0), DeadLetterHeaders.ERROR_CLASS))
          .isEqualTo(EventIntegrityException.class.getName());
      assertThat(TopicProbe.header(dead.get(0), DeadLetterHeaders.ERROR_FIELD))
          .isEqualTo("header.hash");
      assertThat(dead.get(0).value()).isEqualTo(tampered);
    }
    assertThat(invocations.of(tampered)).isEqualTo(1);
  }

  @Test
  void failureThatIsNotPoisonIsRetriedThreeTimesThenDeadLettered() {
    String key = "dlq-transient";
    AlertReceived failing = TestAlerts.alert(key, StreamTestApplication.ALWAYS_FAILS);

    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.ALERTS, failing);
      probe.send(Topics.ALERTS, TestAlerts.alert(key));

      withKey(probe, Topics.ESCALATIONS, key, 1);
      List<ConsumerRecord<String, byte[]>> dead = withKey(probe, DLQ, key, 1);
      assertThat(TopicProbe.header(dead.get(0), DeadLetterHeaders.ERROR_CLASS))
          .isEqualTo(IllegalStateException.class.getName());
      assertThat(TopicProbe.header(dead.get(0), DeadLetterHeaders.ERROR_MESSAGE))
          .isEqualTo("downstream unavailable for " + key);
      assertThat(TopicProbe.header(dead.get(0), DeadLetterHeaders.ERROR_FIELD)).isNull();
    }
    assertThat(invocations.of(EventCodec.encode(failing))).isEqualTo(3);
  }

  private static List<ConsumerRecord<String, byte[]>> withKey(
      TopicProbe probe, String topic, String key, int count) {
    return probe
        .readUntil(topic, rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= count, WAIT)
        .stream()
        .filter(r -> key.equals(r.key()))
        .toList();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
