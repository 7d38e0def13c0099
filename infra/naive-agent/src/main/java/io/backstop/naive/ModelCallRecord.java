package io.backstop.naive;

/** One call the naive agent made to its model: who, the HTTP status, how long, tokens. */
public record ModelCallRecord(
    String model, int status, long latencyMillis, long inputTokens, long outputTokens) {}
