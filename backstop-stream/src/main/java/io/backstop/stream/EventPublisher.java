package io.backstop.stream;

import io.backstop.events.IncidentEvent;

/**
 * Emits an event: seals it (sets its hash) if it is not sealed yet, and writes it to its stage
 * topic (keyed by incident id) and to the audit topic (keyed {@code incidentId/eventId},
 * partitioned by incident id) in one Kafka transaction. Called from a function bean, it joins the
 * transaction of the record being consumed, so the input offset, the stage record and the audit
 * record commit together or not at all; called elsewhere, it runs a transaction of its own.
 */
public interface EventPublisher {

  /** Returns the sealed event as written. */
  <T extends IncidentEvent> T publish(T event);
}
