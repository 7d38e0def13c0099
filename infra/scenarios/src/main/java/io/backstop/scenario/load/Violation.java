package io.backstop.scenario.load;

/** One thing wrong with a scenario document: where, and what. */
public record Violation(FieldPath path, String message) {}
