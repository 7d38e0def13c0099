package io.backstop.stream.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.id.IncidentId;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditPartitionerTest {

  @ParameterizedTest
  @CsvSource({
    "inc-shop-checkout-0001, 3",
    "inc-shop-cart-0042, 3",
    "breaker.shop, 3",
    "x, 1",
    "inc-a:b.c, 12"
  })
  void auditPartitionIsThePartitionKafkaGivesTheIncidentKeyOnTheStageTopics(
      String incident, int partitions) {
    int expected =
        BuiltInPartitioner.partitionForKey(incident.getBytes(StandardCharsets.UTF_8), partitions);

    assertThat(AuditPartitioner.partition(IncidentId.of(incident), partitions)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0", "-3"})
  void refusesAPartitionCountBelowOne(int partitions) {
    assertThatThrownBy(() -> AuditPartitioner.partition(IncidentId.of("inc-1"), partitions))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but was " + partitions);
  }
}
