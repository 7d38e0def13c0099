package io.backstop.executor;

import io.backstop.events.action.Verification;

/** How the watched rollout ended, what was seen, and the live Deployment at the end. */
public record VerificationResult(
    RolloutState state, Verification verification, LiveDeployment last) {}
