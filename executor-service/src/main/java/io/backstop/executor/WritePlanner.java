package io.backstop.executor;

import static io.backstop.executor.Annotations.pointer;

import io.backstop.events.action.ApprovedAction;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides the exact write as a value, before anything is done. Every Deployment patch starts with a
 * {@code test} of the live revision the checks saw, so if the world moves between the check and the
 * write the API server rejects the patch instead of applying it to a different state.
 */
public final class WritePlanner {

  private final Clock clock;

  public WritePlanner(Clock clock) {
    this.clock = clock;
  }

  /** ROLLBACK: the pod template of the target revision's ReplicaSet, without its hash label. */
  public PlannedWrite rollback(
      ActionId actionId, IncidentId incident, LiveDeployment live, RevisionTemplate to) {
    ObjectNode template = to.podTemplate();
    if (template.path("metadata").path("labels").isObject()) {
      ((ObjectNode) template.get("metadata").get("labels")).remove(Annotations.POD_TEMPLATE_HASH);
    }
    List<PatchOperation> ops = guarded(live);
    ops.add(PatchOperation.replace("/spec/template", template));
    ops.addAll(marks(actionId, incident));
    String summary =
        "roll back "
            + live.ref()
            + " from revision "
            + live.revision()
            + " to the template of"
            + " revision "
            + to.revision()
            + " ("
            + to.replicaSet()
            + ", "
            + to.image()
            + ")";
    return new PlannedWrite(
        actionId,
        ActionType.ROLLBACK,
        live.ref(),
        ops,
        null,
        annotations(actionId, incident),
        summary);
  }

  /** RESTART: a new {@code restartedAt} on the pod template, as {@code kubectl} does. */
  public PlannedWrite restart(ActionId actionId, IncidentId incident, LiveDeployment live) {
    String now = clock.instant().toString();
    List<PatchOperation> ops = guarded(live);
    if (live.templateHasAnnotations()) {
      ops.add(
          PatchOperation.add(
              "/spec/template/metadata/annotations/" + pointer(Annotations.RESTARTED_AT), now));
    } else {
      ops.add(
          PatchOperation.add(
              "/spec/template/metadata/annotations", Map.of(Annotations.RESTARTED_AT, now)));
    }
    ops.addAll(marks(actionId, incident));
    return new PlannedWrite(
        actionId,
        ActionType.RESTART,
        live.ref(),
        ops,
        null,
        annotations(actionId, incident),
        "rolling restart of " + live.ref() + " at revision " + live.revision());
  }

  /** SCALE: replicas through the scale subresource; the Deployment patch only marks it. */
  public PlannedWrite scale(
      ActionId actionId, IncidentId incident, LiveDeployment live, int replicas) {
    List<PatchOperation> ops = guarded(live);
    ops.addAll(marks(actionId, incident));
    return new PlannedWrite(
        actionId,
        ActionType.SCALE,
        live.ref(),
        ops,
        replicas,
        annotations(actionId, incident),
        "scale " + live.ref() + " from " + live.desiredReplicas() + " to " + replicas);
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

  private static List<PatchOperation> guarded(LiveDeployment live) {
    List<PatchOperation> ops = new ArrayList<>();
    ops.add(
        PatchOperation.test(
            "/metadata/annotations/" + pointer(Annotations.REVISION),
            Long.toString(live.revision())));
    return ops;
  }

  private static List<PatchOperation> marks(ActionId actionId, IncidentId incident) {
    return List.of(
        PatchOperation.add(
            "/metadata/annotations/" + pointer(Annotations.ACTION_ID), actionId.toString()),
        PatchOperation.add(
            "/metadata/annotations/" + pointer(Annotations.INCIDENT_ID), incident.value()));
  }

  private static Map<String, String> annotations(ActionId actionId, IncidentId incident) {
    return Map.of(
        Annotations.ACTION_ID, actionId.toString(), Annotations.INCIDENT_ID, incident.value());
  }
}
