package io.backstop.triage.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.id.IncidentId;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class PendingGatheringTest {

  static final AlertReceived ADMITTED =
      EventCodec.seal(
          new AlertReceived(
              EventHeader.first(IncidentId.of("inc-1"), "test|1", Stage.TRIAGE, Fixtures.NOW),
              "kafka-producer",
              "1",
              null,
              "HighErrorRatio",
              AlertSeverity.CRITICAL,
              AlertStatus.FIRING,
              Map.of("namespace", "shop", "deployment", "checkout"),
              Map.of(),
              Fixtures.minutesAgo(3),
              null,
              null,
              0));

  @Test
  void isResumedOnlyByTheOwnerOfItsOwnTopicsPartition() {
    var pending = new PendingGathering("backstop.alerts.v1", 0, ADMITTED);

    assertThat(pending.from(List.of(new TopicPartition("backstop.alerts.v1", 0)))).isTrue();
    assertThat(pending.from(List.of(new TopicPartition("backstop.alerts.v1", 1)))).isFalse();
    assertThat(pending.from(List.of(new TopicPartition("other.alerts", 0))))
        .as("another deployment's alerts topic sharing the state topic")
        .isFalse();
  }

  @Test
  void roundTripsThroughTheStateTopicAndReadsARecordWrittenBeforeTopicsWereRecorded() {
    var pending = new PendingGathering("backstop.alerts.v1", 2, ADMITTED);

    var read = PendingGathering.fromJson(pending.toJson());
    var older = (ObjectNode) EventCodec.mapper().readTree(pending.toJson());
    older.remove("topic");
    var legacy = PendingGathering.fromJson(EventCodec.mapper().writeValueAsBytes(older));

    assertThat(read).isEqualTo(pending);
    assertThat(legacy.topic()).isNull();
    assertThat(legacy.from(List.of(new TopicPartition("any.alerts", 2)))).isTrue();
    assertThat(legacy.admitted()).isEqualTo(ADMITTED);
  }
}
