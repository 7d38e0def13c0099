package io.backstop.diagnosis;

import io.backstop.events.IncidentEvent;

/**
 * Whether an input (signals or a rejection) was already answered: a proposal caused by it is on the
 * record, committed. A redelivered or duplicated input that was answered is not diagnosed again: no
 * second model chain, and no second proposal under the same event id with another content (which
 * would break the hash chain and could lead to a second, different decision).
 */
@FunctionalInterface
public interface PriorAnswers {

  boolean answered(IncidentEvent input);
}
