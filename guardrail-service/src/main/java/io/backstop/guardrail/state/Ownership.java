package io.backstop.guardrail.state;

import io.backstop.events.Topics;
import io.backstop.stream.publish.StagePartitioner;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Which namespaces this instance owns: those whose partition of the guardrail's inputs the group
 * assigned to it. The guardrail reads its three inputs through one binding with Kafka's range
 * assignor, so partition p of the proposals, decisions and outcomes topics goes to the same
 * instance, and the breaker's events are on their namespace's partition ({@link StagePartitioner}):
 * the instance holding that partition is the one that judges, decides and counts for the namespace.
 * Every change of assignment makes the state stale, so the next judgement first reads what the
 * previous owner committed. Before the first assignment (consumers not started) the instance acts
 * as if alone.
 */
@Component
public class Ownership implements KafkaBindingRebalanceListener {

  private final ObjectProvider<GuardrailState> state;
  private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
  private volatile int partitions;

  public Ownership(ObjectProvider<GuardrailState> state) {
    this.state = state;
  }

  @Override
  public void onPartitionsRevokedBeforeCommit(
      String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
    revoked.stream()
        .filter(tp -> Topics.DIAGNOSES.equals(tp.topic()))
        .forEach(tp -> owned.remove(tp.partition()));
  }

  @Override
  public void onPartitionsAssigned(
      String bindingName,
      Consumer<?, ?> consumer,
      Collection<TopicPartition> assigned,
      boolean initial) {
    state.ifAvailable(GuardrailState::markStale);
    assigned.stream()
        .filter(tp -> Topics.DIAGNOSES.equals(tp.topic()))
        .forEach(tp -> owned.add(tp.partition()));
    if (partitions == 0) {
      partitions = consumer.partitionsFor(Topics.DIAGNOSES).size();
    }
  }

  /** Whether this instance owns {@code namespace}'s breaker now. */
  public boolean owns(String namespace) {
    int count = partitions;
    return count == 0 || owned.contains(StagePartitioner.partition(namespace, count));
  }

  /** The partitions of the guardrail's inputs this instance holds, for the breaker view. */
  public Set<Integer> partitions() {
    return Set.copyOf(owned);
  }
}
