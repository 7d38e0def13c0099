package io.backstop.safety.review;

/**
 * What the guardrail does with a proposal. Safety rationale: only APPROVE leads to a write, and
 * only when every gate passed; everything else re-routes to a stronger model or goes to a human.
 */
public enum Outcome {
  APPROVE,
  REJECT_REROUTE,
  ESCALATE
}
