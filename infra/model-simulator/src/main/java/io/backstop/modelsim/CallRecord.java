package io.backstop.modelsim;

import java.time.Instant;

/**
 * One call the simulator answered: its sequence number, the model asked for, when, the behaviour
 * applied ({@code honest}, {@code rate-limited}, ... or {@code unauthorized}, {@code
 * unknown-model}, {@code bad-request}), the HTTP status, the prompt size in characters and the
 * token counts reported in {@code usage}.
 */
public record CallRecord(
    long sequence,
    String model,
    Instant at,
    String behaviour,
    int status,
    int promptChars,
    long promptTokens,
    long completionTokens,
    long durationMillis) {}
