package io.backstop.executor.signing;

import io.backstop.events.BreakerReset;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.escalation.EscalationReason;
import java.time.Instant;
import java.util.List;

/** The escalation for a breaker reset the guardrail did not sign: refused, and a human told. */
public final class ForgedResets {

  private ForgedResets() {}

  public static Escalated escalation(BreakerReset reset, String why, Instant now) {
    return new Escalated(
        EventHeader.reactingTo(reset, Stage.EXECUTOR, Escalated.class, 1, now),
        EscalationReason.FORGED_APPROVAL,
        AlertSeverity.CRITICAL,
        null,
        "FORGED_APPROVAL: a breaker reset for namespace "
            + reset.namespace()
            + " (claiming operator "
            + reset.operator()
            + ") was refused: it is "
            + why
            + "; the breaker stays as it was",
        "Someone who can write to the control topic is not the guardrail: find who wrote this"
            + " record and revoke that access; reset breakers only through the guardrail's"
            + " authenticated admin endpoint.",
        List.of());
  }
}
