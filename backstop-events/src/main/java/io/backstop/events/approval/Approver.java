package io.backstop.events.approval;

import io.backstop.events.Require;
import io.backstop.events.id.EventId;
import java.time.Instant;

/**
 * One person who approved a write: the authenticated principal, when, from where (the console's
 * client address, the CLI, the API), their comment, and the {@code HumanDecision} that said so.
 */
public record Approver(
    String principal, Instant decidedAt, String origin, String comment, EventId decision) {

  public Approver {
    Require.text(principal, "approver.principal");
    Require.present(decidedAt, "approver.decidedAt");
    origin = origin == null ? "" : origin;
    comment = comment == null ? "" : comment;
    Require.present(decision, "approver.decision");
  }
}
