package io.backstop.safety.facts;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RolloutHistory;
import java.util.Optional;

/**
 * The bad deploy a rollback undoes. Named by the diagnosis ({@link SuspectedDeploy}: a SHA, or the
 * template hash of a revision without a SHA of its own), or, when the diagnosis names none (a
 * config-only revision has no SHA to name), completed from the rollback's own target: the first
 * revision after it, where the run the rollback undoes began. Safety rationale: completion fills
 * only what the named target implies, is recorded in the verdicts, and the completed bad deploy is
 * judged by every rule a named one is (it and every revision since are not HEALTHY, the anomaly
 * began soon after it, the target predates it and ran HEALTHY); a SHA that was given but names
 * nothing is never replaced.
 */
final class BadDeploy {

  record Found(Optional<Revision> revision, Optional<String> note) {}

  private BadDeploy() {}

  static Found of(
      DiagnosisProposed diagnosis, ProposedWrite write, Optional<RolloutHistory> history) {
    String given = diagnosis.suspectedDeploySha();
    if (given != null && !given.isBlank()) {
      return new Found(SuspectedDeploy.in(history, given).revision(), Optional.empty());
    }
    if (!write.type().equals(Optional.of(ActionType.ROLLBACK))
        || write.revision() == null
        || history.isEmpty()) {
      return new Found(Optional.empty(), Optional.empty());
    }
    long target = write.revision();
    Optional<Revision> first =
        history.get().revisions().stream().filter(r -> r.revision() > target).findFirst();
    return new Found(
        first,
        first.map(
            r ->
                "bad deploy completed from the rollback target: revision "
                    + r.revision()
                    + ", the first after revision "
                    + target));
  }
}
