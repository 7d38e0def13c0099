package io.backstop.stream.publish;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.BreakerReset;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;

/**
 * Which stage partition an event goes to. Most events go where Kafka's default partitioner puts
 * their incident id key. The events a namespace's breaker is decided on (the proposals, people's
 * decisions and outcomes the guardrail reads; the approvals and breaker resets the executor reads)
 * go to the partition of their namespace instead, still keyed by incident id: one incident stays on
 * one partition (its namespace is the incident's, which the quality gate requires of any write),
 * and every event that can move one namespace's breaker reaches the one instance of a consumer
 * group that holds that partition. That instance is the breaker's single owner (issue 14, DESIGN
 * "scale-out on Kafka"), so two instances never both allow a write the breaker forbids.
 */
public final class StagePartitioner {

  private StagePartitioner() {}

  /**
   * The namespace that routes {@code event}, when it is one of the breaker's events and names one;
   * empty otherwise (a decision written before decisions carried one).
   */
  public static Optional<String> namespaceOf(IncidentEvent event) {
    String namespace = null;
    if (event instanceof DiagnosisProposed proposed) {
      namespace =
          proposed.signals() == null || proposed.signals().target() == null
              ? null
              : proposed.signals().target().namespace();
    } else if (event instanceof HumanDecision decision) {
      namespace = decision.namespace();
    } else if (event instanceof ActionExecuted executed) {
      namespace = executed.action().target().namespace();
    } else if (event instanceof ActionApproved approved) {
      namespace = approved.action().target().namespace();
    } else if (event instanceof BreakerReset reset) {
      namespace = reset.namespace();
    }
    return namespace == null || namespace.isBlank() ? Optional.empty() : Optional.of(namespace);
  }

  /** The partition of {@code namespace} among {@code partitions}: Kafka's murmur2 of its name. */
  public static int partition(String namespace, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, but was " + partitions);
    }
    return Utils.toPositive(Utils.murmur2(namespace.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /**
   * The stage partition of {@code event} given its topic's partition count, or {@code null} to
   * leave it to the default partitioner (by incident id key).
   */
  public static Integer of(IncidentEvent event, int partitions) {
    if (partitions < 1) {
      return null;
    }
    return namespaceOf(event).map(ns -> partition(ns, partitions)).orElse(null);
  }
}
