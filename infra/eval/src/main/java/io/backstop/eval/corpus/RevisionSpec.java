package io.backstop.eval.corpus;

import java.time.Duration;

/**
 * One revision of a Deployment's history. {@code image} defaults to {@code
 * registry.local/<namespace>/<name>:<first 12 of the SHA>}; {@code shaOrigin} to OWN when a SHA is
 * given; {@code health} to UNKNOWN.
 */
public record RevisionSpec(
    long revision,
    String image,
    String sha,
    String shaOrigin,
    String templateHash,
    Duration ago,
    String cause,
    Boolean current,
    String health,
    String healthReason) {}
