package io.backstop.triage.evidence;

/** The tail of one container's log, already bounded; {@code previous} for the crashed instance. */
public record LogExcerpt(String pod, String container, boolean previous, String text) {}
