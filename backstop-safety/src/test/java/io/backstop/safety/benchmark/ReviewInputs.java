package io.backstop.safety.benchmark;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.safety.fixtures.Honest;
import io.backstop.safety.fixtures.Incidents;
import io.backstop.safety.fixtures.Proposal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The proposals the review benchmarks judge: several realistic shapes on the approve path (each
 * action type, every policy evaluated) and on the deny path (stopped at the quality gate, stopped
 * at the action gate), each built many times with its own hypothesis text, so no review can reuse
 * anything a previous one computed from the same text or the same object.
 */
final class ReviewInputs {

  /** Distinct copies of each shape; a review never sees the same object twice in a row. */
  static final int COPIES = 32;

  private ReviewInputs() {}

  /** Right fixes the guardrail approves: rollback, restart, scale, a deeper rollback, offline. */
  static List<DiagnosisProposed> approvals() {
    return copies(
        List.of(
            Proposal::honestRollback,
            Honest::restart,
            () -> Honest.scale(8),
            Honest::rollbackPastTwoBadRevisions,
            Honest::offlineRollback));
  }

  /**
   * Wrong proposals the guardrail stops: a hallucinated SHA and an echoed password (quality gate,
   * re-route), a rollback of every Deployment and a restart of a StatefulSet (action gate,
   * escalate), a rollback cited with an injected instruction (quality gate).
   */
  static List<DiagnosisProposed> denials() {
    return copies(
        List.of(
            () -> Proposal.from(Diagnoses.hallucinatedRollbackAll()),
            () -> Proposal.honestRollback().sha("e4f5a6b7c8d9"),
            () -> Proposal.honestRollback().scope("all"),
            () -> Honest.restart().action("RESTART", "prod-db", null, null, null, null),
            () -> Proposal.honestRollback().cited("E1", "E6"),
            () -> Proposal.honestRollback().signals(Incidents.leakAfterRecentDeploy())));
  }

  private static List<DiagnosisProposed> copies(List<Supplier<Proposal>> shapes) {
    List<DiagnosisProposed> inputs = new ArrayList<>();
    for (int copy = 0; copy < COPIES; copy++) {
      for (Supplier<Proposal> shape : shapes) {
        Proposal proposal = shape.get();
        DiagnosisProposed base = proposal.build();
        inputs.add(
            proposal
                .hypothesis(base.hypothesis() + " (seen in incident " + (1000 + copy) + ")")
                .build());
      }
    }
    return List.copyOf(inputs);
  }
}
