package io.backstop.events.action;

import io.backstop.events.Require;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.signal.WorkloadRef;
import java.util.List;

/**
 * The exact write, as a value: the JSON Patch for the Deployment (first a {@code test} of the
 * revision the decision saw, so a moved world makes the API server reject it; last the marks of the
 * action and incident), the replica count a SCALE sets through the {@code scale} subresource, a
 * one-line summary, and {@code atWrite}: what only the write itself can fill in and how the
 * executor pins it (the restart time; the pod template of a rollback's revision, pinned by its
 * pod-template hash). Planned by {@code backstop-safety}'s planner, the one the executor writes
 * with, so an approval shows a human the patch the executor sends.
 */
public record WritePlan(
    ActionType type,
    WorkloadRef target,
    List<PatchOperation> deploymentPatch,
    Integer replicas,
    String summary,
    List<String> atWrite) {

  public WritePlan {
    Require.present(type, "plan.type");
    Require.present(target, "plan.target");
    if (!type.isWrite()) {
      throw new Require.InvalidFieldException(
          "plan.type", "a planned write must be a write, but was " + type);
    }
    deploymentPatch = Require.list(deploymentPatch);
    if (deploymentPatch.isEmpty()) {
      throw new Require.MissingFieldException("plan.deploymentPatch");
    }
    if (type == ActionType.SCALE && (replicas == null || replicas < 1)) {
      throw new Require.InvalidFieldException(
          "plan.replicas", "a SCALE needs replicas >= 1, but was " + replicas);
    }
    Require.text(summary, "plan.summary");
    atWrite = Require.list(atWrite);
  }

  /** The Deployment patch as the {@code application/json-patch+json} body. */
  public String deploymentPatchJson() {
    return EventCodec.mapper().writeValueAsString(deploymentPatch);
  }

  /** The scale subresource patch as the {@code application/json-patch+json} body (SCALE only). */
  public String scalePatchJson() {
    return EventCodec.mapper()
        .writeValueAsString(List.of(PatchOperation.replace("/spec/replicas", replicas)));
  }
}
