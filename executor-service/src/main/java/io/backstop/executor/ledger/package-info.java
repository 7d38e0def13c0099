/**
 * The ledger of actions started, applied, reverted and settled, and its compacted Kafka topic,
 * keyed by action id; the breaker rebuilt from it.
 */
package io.backstop.executor.ledger;
