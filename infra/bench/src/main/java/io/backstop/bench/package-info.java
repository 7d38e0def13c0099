/**
 * {@code backstop bench}: measures the Kafka floor and the pipeline on the same broker in one run,
 * and prints every figure of issue 14 beside its target. A harness that prints figures; it asserts
 * nothing and never runs in {@code verify}.
 */
package io.backstop.bench;
