/**
 * A real Kafka broker (KRaft, one node) for the local stack, run in-process from the Kafka jars.
 */
package io.backstop.localkafka;
