/** Writing events: stage and audit records in one Kafka transaction, with CloudEvents headers. */
package io.backstop.stream.publish;
