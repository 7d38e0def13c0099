package io.backstop.triage.metrics;

import java.time.Instant;

/** One value of a series at one time. */
public record Sample(Instant at, double value) {}
