/** Kafka adapters: the admitAlert function bean and the incident state on its compacted topic. */
package io.backstop.triage.messaging;
