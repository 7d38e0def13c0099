package io.backstop.safety.review;

import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.Preconditions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a human may approve when the review escalated a proposal that passed every hard rule: the
 * exact action and the preconditions the executor must find, how many distinct people must approve,
 * for how long the offer stands, and the verdicts an approval overrides (each an escalation of a
 * policy marked approvable, or of the anomaly budget). Safety rationale: it exists only when no
 * quality rule and no deny rule failed and the breaker is closed, so no approval can ever carry a
 * write that a hard rule stopped.
 */
public record HumanApproval(
    ApprovedAction action,
    Preconditions preconditions,
    int approversRequired,
    Duration expiry,
    List<PolicyVerdict> overridden) {

  public HumanApproval {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(preconditions, "preconditions");
    Objects.requireNonNull(expiry, "expiry");
    if (approversRequired < 1) {
      throw new IllegalArgumentException(
          "approversRequired must be >= 1, but was " + approversRequired);
    }
    overridden = List.copyOf(overridden);
  }
}
