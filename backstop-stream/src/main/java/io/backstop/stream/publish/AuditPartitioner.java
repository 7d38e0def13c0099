package io.backstop.stream.publish;

import io.backstop.events.id.IncidentId;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The audit partition of an incident: Kafka's murmur2 of the incident id, as the default
 * partitioner computes it for a record keyed by the incident id. The audit key is {@code
 * incidentId/eventId}, so without an explicit partition one incident's audit records would scatter
 * over partitions and lose their order.
 */
public final class AuditPartitioner {

  private AuditPartitioner() {}

  public static int partition(IncidentId incident, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, but was " + partitions);
    }
    byte[] key = incident.value().getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }
}
