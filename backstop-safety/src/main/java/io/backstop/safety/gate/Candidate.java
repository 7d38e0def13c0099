package io.backstop.safety.gate;

import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.Preconditions;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.Workload;
import io.backstop.safety.facts.ProposedWrite;
import io.backstop.safety.facts.Subject;
import java.util.Optional;

/**
 * The executable form of a proposed write, built only from the inventory and history triage
 * gathered: the target is the inventory's Deployment, a rollback names the revision by the full SHA
 * recorded for it (and its pod-template hash) or, when it has no SHA of its own, by its
 * pod-template hash; the preconditions are the target's current revision. Safety rationale: when
 * anything is missing the candidate is empty, and an empty candidate can never be approved.
 */
public record Candidate(Optional<ApprovedAction> action, Optional<Preconditions> preconditions) {

  /** The candidate for the subject's write; empty parts when anything is missing. */
  public static Candidate of(Subject subject) {
    try {
      Optional<Workload> target = subject.target();
      Optional<RolloutHistory> history = subject.history(target);
      Optional<Revision> current = history.flatMap(RolloutHistory::current);
      Optional<Preconditions> preconditions =
          target.flatMap(
              w ->
                  current.map(
                      c ->
                          new Preconditions(
                              c.revision(), c.gitSha(), c.image(), w.desiredReplicas())));
      return new Candidate(target.flatMap(w -> action(subject.write(), w, history)), preconditions);
    } catch (RuntimeException e) {
      return new Candidate(Optional.empty(), Optional.empty());
    }
  }

  private static Optional<ApprovedAction> action(
      ProposedWrite write, Workload target, Optional<RolloutHistory> history) {
    Optional<ActionType> type = write.type();
    if (type.isEmpty() || !type.get().isWrite()) {
      return Optional.empty();
    }
    return switch (type.get()) {
      case ROLLBACK ->
          Optional.ofNullable(write.revision())
              .flatMap(n -> history.flatMap(h -> h.revision(n)))
              .flatMap(r -> rollbackTo(target, r));
      case RESTART -> Optional.of(ApprovedAction.restart(target.ref()));
      case SCALE ->
          Optional.ofNullable(write.replicas())
              .filter(n -> n >= 1)
              .map(n -> ApprovedAction.scale(target.ref(), n));
      default -> Optional.empty();
    };
  }

  /**
   * A revision with a SHA of its own is named by it (and its template hash when triage read one);
   * one without is named by its template hash alone; one with neither cannot be named exactly.
   */
  private static Optional<ApprovedAction> rollbackTo(Workload target, Revision r) {
    if (r.ownsSha()) {
      return Optional.of(
          ApprovedAction.rollbackToTemplate(
              target.ref(), r.revision(), r.gitSha(), r.podTemplateHash()));
    }
    return Optional.ofNullable(r.podTemplateHash())
        .map(hash -> ApprovedAction.rollbackToTemplate(target.ref(), r.revision(), null, hash));
  }
}
