package io.backstop.stream;

import io.backstop.events.IncidentEvent;

/**
 * Emits events. Every method seals the event (sets its hash) if it is not sealed yet and returns
 * the sealed event as written. Called from a function bean, a method joins the transaction of the
 * record being consumed, so the input offset and everything emitted commit together or not at all;
 * called elsewhere (an HTTP handler), it runs a Kafka transaction of its own.
 *
 * <p>The rule for function beans: do the slow work (calls to a cluster, a model, a pager) first and
 * publish at the end. The broker-side transaction starts with the first send; one left open longer
 * than the producer's {@code transaction.timeout.ms} (60 s by default) is aborted by the broker,
 * and its commit then fails with {@code InvalidTxnStateException} (a send after the abort with
 * {@code InvalidProducerEpochException}): the record is retried, and whatever the slow work did
 * outside Kafka is done twice.
 */
public interface EventPublisher {

  /**
   * The normal emit: writes the event to its stage topic (keyed by incident id) and to the audit
   * topic (keyed {@code incidentId/eventId}, partitioned by incident id) in one transaction.
   */
  <T extends IncidentEvent> T publish(T event);

  /**
   * Audit only: records a fact that has no consumer stage, or whose stage topic is an input (an
   * alert admitted by triage under its canonical incident is recorded here, not re-sent to the
   * alerts topic).
   */
  <T extends IncidentEvent> T record(T event);

  /**
   * Stage topic only: hands an input from outside to the pipeline (the Alertmanager webhook puts an
   * {@code AlertReceived} on the alerts topic). It reaches the audit once a stage admits it.
   */
  <T extends IncidentEvent> T forward(T event);

  /**
   * Stage topic only, all or nothing: one outside delivery of several events (an Alertmanager
   * webhook with many alerts) is taken whole or not at all, so its sender's retry is exact. The
   * default forwards one by one; the Kafka publisher uses one transaction.
   */
  default <T extends IncidentEvent> java.util.List<T> forwardAll(java.util.List<T> events) {
    return events.stream().map(this::forward).toList();
  }
}
