/** Kafka adapters: the function beans, the audit log reader and the dead-letter writer. */
package io.backstop.escalation.messaging;
