/** Integration tests: the triage context with embedded KRaft Kafka and the fabric8 mock server. */
package io.backstop.triage.it;
