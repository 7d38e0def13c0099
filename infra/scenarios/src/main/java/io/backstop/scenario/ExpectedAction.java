package io.backstop.scenario;

import io.backstop.events.diagnosis.ActionType;

/**
 * The write a run must end with and verify: its type, the one Deployment it targets, and for a
 * ROLLBACK the revision (and optionally SHA) it must go to; for a SCALE the replica bounds.
 */
public record ExpectedAction(
    ActionType type,
    String namespace,
    String deployment,
    Long revision,
    String gitSha,
    Integer minReplicas,
    Integer maxReplicas) {}
