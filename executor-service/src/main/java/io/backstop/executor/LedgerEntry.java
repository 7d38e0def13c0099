package io.backstop.executor;

import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import java.time.Instant;

/**
 * One action in the ledger: its state, the namespace it wrote to (the global breaker counts per
 * namespace), when, and the final outcome once known ({@code null} until then).
 */
public record LedgerEntry(
    ActionId actionId,
    IncidentId incidentId,
    String namespace,
    LedgerState state,
    Instant at,
    ExecutionStatus outcome) {}
