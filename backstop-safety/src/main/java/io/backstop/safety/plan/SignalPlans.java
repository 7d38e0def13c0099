package io.backstop.safety.plan;

import io.backstop.events.SignalsGathered;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.WritePlan;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.Workload;
import java.time.Instant;
import java.util.Optional;

/**
 * The plan of an approved action from what triage gathered, for a human to approve: the Deployment
 * as triage saw it (its current revision, its replicas), a rollback's revision by number, SHA,
 * image and pod-template hash. Safety rationale: this is {@link WritePlanner} itself, fed from the
 * signals; what only the write can fill in is named in {@link WritePlan#atWrite()}, and an action
 * the signals cannot plan (no current revision, an unknown revision) has no plan, so it cannot be
 * offered for approval.
 */
public final class SignalPlans {

  private SignalPlans() {}

  public static Optional<WritePlan> plan(
      ApprovedAction action,
      ActionId actionId,
      IncidentId incident,
      SignalsGathered signals,
      Instant now) {
    try {
      Optional<Workload> target =
          signals.inventory().stream().filter(w -> w.ref().equals(action.target())).findFirst();
      Optional<RolloutHistory> history = signals.rollout(action.target());
      Optional<Revision> current = history.flatMap(RolloutHistory::current);
      if (target.isEmpty() || current.isEmpty()) {
        return Optional.empty();
      }
      DeploymentView live =
          new DeploymentView(
              action.target(), current.get().revision(), null, target.get().desiredReplicas());
      Optional<TemplateView> to =
          action.toRevision() == null
              ? Optional.empty()
              : history
                  .flatMap(h -> h.revision(action.toRevision()))
                  .map(
                      r ->
                          new TemplateView(
                              "",
                              r.revision(),
                              r.gitSha(),
                              r.image(),
                              r.podTemplateHash(),
                              Optional.empty()));
      return Optional.of(WritePlanner.plan(action, actionId, incident, live, to, now));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
