/**
 * What a gate run is made of: a subject's facts judged by one gate's policy set ({@link
 * io.backstop.safety.gate.SubjectFacts}: facts that cannot be computed deny), the action gate's
 * executable candidate, and the executor's re-check of an approved action ({@link
 * io.backstop.safety.gate.ActionGate}). {@code review.Review} sequences the gates; it is the only
 * path that judges a proposal.
 */
package io.backstop.safety.gate;
