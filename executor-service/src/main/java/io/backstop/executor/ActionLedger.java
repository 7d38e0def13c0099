package io.backstop.executor;

import io.backstop.events.id.ActionId;
import java.util.Collection;
import java.util.Optional;

/**
 * The record of actions the executor has started or applied, kept outside the process (a compacted
 * Kafka topic) so a restart between the write and the outcome never writes twice. {@link #record}
 * returns only once the entry is durable.
 */
public interface ActionLedger {

  Optional<LedgerEntry> find(ActionId actionId);

  void record(LedgerEntry entry);

  /** Every entry, latest state per action; the breaker is rebuilt from these on start. */
  Collection<LedgerEntry> entries();
}
