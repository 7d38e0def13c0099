package io.backstop.escalation.console;

import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.WorkloadRef;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One incident in the console's list: what it is about, where it stands, when it began and last
 * moved, its outcome in a few words, what its model calls cost and how many events it holds.
 */
public record IncidentView(
    IncidentId id,
    String alert,
    WorkloadRef target,
    IncidentStatus status,
    String outcome,
    Instant openedAt,
    Instant lastEventAt,
    BigDecimal costUsd,
    int events) {}
