package io.backstop.stream.audit;

/** An audit record that is not an event: where it is and why it could not be read. */
public record UnreadableRecord(int partition, long offset, String key, String reason) {}
