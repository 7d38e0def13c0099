package io.backstop.safety.policy;

import io.backstop.safety.facts.Facts;
import io.backstop.safety.verdict.Verdict;

/**
 * One rule over the facts of a proposal. Safety rationale: a policy returns a value and never
 * decides by throwing; should one throw anyway, {@link PolicySet} turns the exception into a {@link
 * Verdict.Deny} naming it.
 */
public interface Policy {

  /** The stable id every verdict of this policy carries, e.g. {@code action.scope-single}. */
  String id();

  Verdict evaluate(Facts facts);
}
