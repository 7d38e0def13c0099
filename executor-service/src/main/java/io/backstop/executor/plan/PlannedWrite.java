package io.backstop.executor.plan;

import io.backstop.events.MetadataKeys;
import io.backstop.events.action.PatchOperation;
import io.backstop.events.action.WritePlan;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.safety.plan.WritePlanner;
import java.util.List;
import java.util.Map;

/**
 * The exact write, decided before anything is done: which Deployment, the JSON Patch applied to it
 * (guarded by a {@code test} of the revision the decision saw, so a moved world makes the API
 * server reject it), the replica count for a SCALE (through the {@code scale} subresource), and the
 * annotations that mark the write with its action and incident.
 */
public record PlannedWrite(
    ActionId actionId,
    ActionType type,
    WorkloadRef target,
    List<PatchOperation> deploymentPatch,
    Integer replicas,
    Map<String, String> annotations,
    String summary) {

  public PlannedWrite {
    deploymentPatch = List.copyOf(deploymentPatch);
    annotations = Map.copyOf(annotations);
    if (!type.isWrite()) {
      throw new IllegalArgumentException("a planned write must be a write, but was " + type);
    }
    if (type == ActionType.SCALE && (replicas == null || replicas < 1)) {
      throw new IllegalArgumentException("a SCALE needs replicas >= 1, but was " + replicas);
    }
  }

  /** The write the shared planner decided, with the marks it leaves. */
  static PlannedWrite of(WritePlan plan, ActionId actionId, IncidentId incident) {
    return new PlannedWrite(
        actionId,
        plan.type(),
        plan.target(),
        plan.deploymentPatch(),
        plan.replicas(),
        WritePlanner.annotations(actionId, incident),
        plan.summary());
  }

  /** The same write, also marked as the revert of {@code reverted} (see {@link Annotations}). */
  public PlannedWrite markedAsRevertOf(ActionId reverted) {
    List<PatchOperation> ops = new java.util.ArrayList<>(deploymentPatch);
    ops.add(
        PatchOperation.add(
            "/metadata/annotations/" + MetadataKeys.pointer(MetadataKeys.REVERT_OF),
            reverted.toString()));
    Map<String, String> marks = new java.util.HashMap<>(annotations);
    marks.put(MetadataKeys.REVERT_OF, reverted.toString());
    return new PlannedWrite(actionId, type, target, ops, replicas, marks, "revert: " + summary);
  }

  /** The Deployment patch as the {@code application/json-patch+json} body. */
  public String deploymentPatchJson() {
    return EventCodec.mapper().writeValueAsString(deploymentPatch);
  }

  /** The scale subresource patch as the {@code application/json-patch+json} body. */
  public String scalePatchJson() {
    return EventCodec.mapper()
        .writeValueAsString(List.of(PatchOperation.replace("/spec/replicas", replicas)));
  }
}
