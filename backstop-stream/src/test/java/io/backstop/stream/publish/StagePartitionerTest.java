package io.backstop.stream.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Signals;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class StagePartitionerTest {

  private static final int PARTITIONS = 3;
  private static final int SHOP =
      BuiltInPartitioner.partitionForKey("shop".getBytes(StandardCharsets.UTF_8), PARTITIONS);

  @Test
  void theBreakersEventsGoToTheirNamespacesPartitionStillKeyedByIncident() {
    List<IncidentEvent> breakerFacts =
        List.of(
            Diagnoses.honestRollback(),
            Decisions.rollbackApproved(),
            Decisions.rollbackVerified(),
            withNamespace(Decisions.approvedByAlice(), "shop"),
            Decisions.breakerReset());
    for (IncidentEvent event : breakerFacts) {
      IncidentEvent sealed = EventCodec.seal(event.withHeader(event.header().withHash(null)));
      ProducerRecord<byte[], byte[]> stage =
          EventRecords.of(sealed, "test", PARTITIONS, PARTITIONS, true, false).get(0);

      assertThat(StagePartitioner.namespaceOf(sealed))
          .as(event.getClass().getSimpleName())
          .hasValue("shop");
      assertThat(stage.partition()).as(event.getClass().getSimpleName()).isEqualTo(SHOP);
      assertThat(new String(stage.key(), StandardCharsets.UTF_8))
          .isEqualTo(sealed.incidentId().value());
    }
  }

  private static HumanDecision withNamespace(HumanDecision d, String namespace) {
    return new HumanDecision(
        d.header(),
        d.actionId(),
        d.verdict(),
        d.principal(),
        d.decidedAt(),
        d.origin(),
        d.comment(),
        namespace);
  }

  @Test
  void everythingElseIsLeftToTheDefaultPartitionerByIncident() {
    IncidentEvent alert = EventCodec.seal(Alerts.checkoutErrorRate());
    IncidentEvent signals = EventCodec.seal(Signals.badDeploy());
    IncidentEvent oldDecision = EventCodec.seal(Decisions.approvedByAlice());

    for (IncidentEvent event : List.of(alert, signals, oldDecision)) {
      assertThat(StagePartitioner.namespaceOf(event)).isEmpty();
      ProducerRecord<byte[], byte[]> stage =
          EventRecords.of(event, "test", PARTITIONS, PARTITIONS, true, false).get(0);
      assertThat(stage.partition()).as(Topics.stageTopic(event)).isNull();
    }
  }
}
