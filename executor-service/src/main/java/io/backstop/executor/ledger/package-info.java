/** The applied-action ledger on a compacted Kafka topic, keyed by action id. */
package io.backstop.executor.ledger;
