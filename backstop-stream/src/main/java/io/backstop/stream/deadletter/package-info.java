/** Poison records: no retry for unreadable input, a few for the rest, then {@code <topic>.dlq}. */
package io.backstop.stream.deadletter;
