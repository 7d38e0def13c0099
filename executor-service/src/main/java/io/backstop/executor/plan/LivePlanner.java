package io.backstop.executor.plan;

import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.WritePlan;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import io.backstop.executor.live.LiveDeployment;
import io.backstop.executor.live.RevisionTemplate;
import io.backstop.safety.plan.DeploymentView;
import io.backstop.safety.plan.TemplateView;
import io.backstop.safety.plan.WritePlanner;
import java.time.Clock;
import java.util.Optional;

/**
 * The executor's side of Backstop's one planner ({@link WritePlanner}, in backstop-safety, which
 * the guardrail also plans the approvals it asks for with): it feeds the planner the live
 * Deployment and the ReplicaSet's template as read just before the write. Every Deployment patch
 * starts with a {@code test} of the live revision the checks saw, so if the world moves between the
 * check and the write the API server rejects the patch instead of applying it to a different state.
 */
public final class LivePlanner {

  private final Clock clock;

  public LivePlanner(Clock clock) {
    this.clock = clock;
  }

  /** ROLLBACK: the pod template of the target revision's ReplicaSet, without its hash label. */
  public PlannedWrite rollback(
      ActionId actionId, IncidentId incident, LiveDeployment live, RevisionTemplate to) {
    return PlannedWrite.of(
        WritePlanner.rollback(actionId, incident, view(live), view(to)), actionId, incident);
  }

  /** RESTART: a new {@code restartedAt} on the pod template, as {@code kubectl} does. */
  public PlannedWrite restart(ActionId actionId, IncidentId incident, LiveDeployment live) {
    return PlannedWrite.of(
        WritePlanner.restart(actionId, incident, view(live), clock.instant()), actionId, incident);
  }

  /** SCALE: replicas through the scale subresource; the Deployment patch only marks it. */
  public PlannedWrite scale(
      ActionId actionId, IncidentId incident, LiveDeployment live, int replicas) {
    WritePlan plan = WritePlanner.scale(actionId, incident, view(live), replicas);
    return PlannedWrite.of(plan, actionId, incident);
  }

  /**
   * The one self-revert: back to the pre-action state through the same narrow paths, a rollback to
   * the revision that ran before (ROLLBACK, RESTART) or the replica count before (SCALE).
   */
  public PlannedWrite revert(
      ApprovedAction action,
      ActionId actionId,
      IncidentId incident,
      LiveDeployment now,
      LiveDeployment before,
      RevisionTemplate preAction) {
    PlannedWrite back =
        action.type() == ActionType.SCALE
            ? scale(actionId, incident, now, before.desiredReplicas())
            : rollback(actionId, incident, now, preAction);
    return back.markedAsRevertOf(actionId);
  }

  static DeploymentView view(LiveDeployment live) {
    return new DeploymentView(
        live.ref(), live.revision(), live.templateHasAnnotations(), live.desiredReplicas());
  }

  static TemplateView view(RevisionTemplate to) {
    return new TemplateView(
        to.replicaSet(),
        to.revision(),
        to.sha(),
        to.image(),
        to.templateHash(),
        Optional.of(to.podTemplate()));
  }
}
