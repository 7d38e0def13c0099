package io.backstop.triage.incident;

import java.util.Optional;

/** Where group state lives. Kafka in production (compacted topic); a map in pure tests. */
public interface IncidentStore {

  Optional<IncidentRecord> find(String groupKey);

  /** Saves the state; inside a consumer transaction it commits, or not, with that transaction. */
  void save(IncidentRecord state);
}
