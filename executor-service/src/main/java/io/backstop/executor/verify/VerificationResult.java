package io.backstop.executor.verify;

import io.backstop.events.action.Verification;
import io.backstop.executor.live.LiveDeployment;

/** How the watched rollout ended, what was seen, and the live Deployment at the end. */
public record VerificationResult(
    RolloutState state, Verification verification, LiveDeployment last) {}
