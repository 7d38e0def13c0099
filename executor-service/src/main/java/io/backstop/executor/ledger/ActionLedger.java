package io.backstop.executor.ledger;

import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import java.util.Collection;
import java.util.Optional;

/**
 * The record of actions the executor has started or applied, kept outside the process (a compacted
 * Kafka topic) so a restart anywhere between the write and the outcome never writes twice and
 * always finishes what was started.
 *
 * <ul>
 *   <li>{@link #record} is for the steps around a cluster write (in progress, applied, reverting):
 *       it returns only once the entry is durable, whatever happens to the consumer's transaction.
 *   <li>{@link #settle} is for the final entry, the one with the outcome: it is written in the
 *       consumer's transaction that also carries the outcome event, and {@link #find} sees it only
 *       once that transaction committed. Outside a transaction it is durable at once.
 * </ul>
 */
public interface ActionLedger {

  Optional<LedgerEntry> find(ActionId actionId);

  void record(LedgerEntry entry);

  /** Records the final entry together with the outcome (see the type's comment). */
  default void settle(LedgerEntry entry) {
    record(entry);
  }

  /** Every entry, latest state per action; the breaker is rebuilt from these on start. */
  Collection<LedgerEntry> entries();

  /**
   * How many other actions of this incident may have written to the cluster (anything recorded
   * except an outright refusal by the API server): the re-check's count of prior writes.
   */
  default int writesFor(IncidentId incident, ActionId except) {
    return (int)
        entries().stream()
            .filter(e -> incident.equals(e.incidentId()))
            .filter(e -> !e.actionId().equals(except))
            .filter(LedgerEntry::mayHaveWritten)
            .count();
  }
}
