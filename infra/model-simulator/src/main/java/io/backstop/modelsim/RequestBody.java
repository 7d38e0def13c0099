package io.backstop.modelsim;

/**
 * The body of one chat request as it arrived (UTF-8), under the sequence number of its {@link
 * CallRecord}: what a model provider would have seen, so a test can search it for secrets.
 */
public record RequestBody(long sequence, String body) {}
