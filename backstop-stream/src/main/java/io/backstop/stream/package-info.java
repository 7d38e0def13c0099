/** Kafka plumbing every service shares: transactional emit, dead letters, CloudEvents headers. */
package io.backstop.stream;
