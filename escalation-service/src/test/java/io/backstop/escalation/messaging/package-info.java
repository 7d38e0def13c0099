/**
 * Integration tests: the service's Spring context on embedded KRaft Kafka and the local servers.
 */
package io.backstop.escalation.messaging;
