package io.backstop.safety.plan;

import static io.backstop.events.MetadataKeys.ACTION_ID;
import static io.backstop.events.MetadataKeys.INCIDENT_ID;
import static io.backstop.events.MetadataKeys.POD_TEMPLATE_HASH;
import static io.backstop.events.MetadataKeys.RESTARTED_AT;
import static io.backstop.events.MetadataKeys.REVISION;
import static io.backstop.events.MetadataKeys.pointer;

import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PatchOperation;
import io.backstop.events.action.WritePlan;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides the exact write as a value, before anything is done: the one planner of Backstop. The
 * executor plans with it from the live Deployment before it writes; the guardrail plans with it
 * from the signals when it asks a human to approve, so the human sees the patch the executor sends.
 * Safety rationale: every Deployment patch starts with a {@code test} of the revision the decision
 * saw, so if the world moves between the check and the write the API server rejects the patch
 * instead of applying it to a different state; the only operations are test, add and replace
 * (nothing is ever removed); every write is marked with its action and incident.
 */
public final class WritePlanner {

  /** The key of the stand-in value of a template pinned by its hash rather than copied. */
  public static final String PINNED = "backstop.io/pinned";

  private WritePlanner() {}

  /** The plan of an approved action against the Deployment as seen. */
  public static WritePlan plan(
      ApprovedAction action,
      ActionId actionId,
      IncidentId incident,
      DeploymentView live,
      Optional<TemplateView> rollbackTo,
      Instant now) {
    return switch (action.type()) {
      case ROLLBACK ->
          rollback(
              actionId,
              incident,
              live,
              rollbackTo.orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "a rollback needs the revision it restores: " + action.toRevision())));
      case RESTART -> restart(actionId, incident, live, now);
      case SCALE -> scale(actionId, incident, live, action.replicas());
      default -> throw new IllegalArgumentException("not a write: " + action.type());
    };
  }

  /** ROLLBACK: the pod template of the target revision's ReplicaSet, without its hash label. */
  public static WritePlan rollback(
      ActionId actionId, IncidentId incident, DeploymentView live, TemplateView to) {
    List<PatchOperation> ops = guarded(live);
    List<String> atWrite = new ArrayList<>();
    Optional<ObjectNode> template = to.podTemplate();
    if (template.isPresent()) {
      ObjectNode value = template.get();
      if (value.path("metadata").path("labels").isObject()) {
        ((ObjectNode) value.get("metadata").get("labels")).remove(POD_TEMPLATE_HASH);
      }
      ops.add(PatchOperation.replace("/spec/template", value));
    } else {
      ops.add(PatchOperation.replace("/spec/template", pinned(to)));
      atWrite.add(
          "/spec/template: the pod template of revision "
              + to.revision()
              + " exactly as its ReplicaSet stores it (image "
              + to.image()
              + (to.templateHash().isBlank()
                  ? ", git SHA " + to.sha()
                  : ", pod-template-hash " + to.templateHash())
              + ", without the pod-template-hash label); the executor reads it at the write and"
              + " refuses unless that ReplicaSet still carries "
              + (to.templateHash().isBlank() ? "that SHA" : "that hash"));
    }
    ops.addAll(marks(actionId, incident));
    String summary =
        "roll back "
            + live.ref()
            + " from revision "
            + live.revision()
            + " to the template of revision "
            + to.revision()
            + " ("
            + (to.replicaSet().isBlank() ? "" : to.replicaSet() + ", ")
            + to.image()
            + ")";
    return new WritePlan(ActionType.ROLLBACK, live.ref(), ops, null, summary, atWrite);
  }

  /** RESTART: a new {@code restartedAt} on the pod template, as {@code kubectl} does. */
  public static WritePlan restart(
      ActionId actionId, IncidentId incident, DeploymentView live, Instant now) {
    List<PatchOperation> ops = guarded(live);
    List<String> atWrite = new ArrayList<>();
    atWrite.add(RESTARTED_AT + ": the time of the write");
    if (live.templateHasAnnotations() == null || live.templateHasAnnotations()) {
      ops.add(
          PatchOperation.add(
              "/spec/template/metadata/annotations/" + pointer(RESTARTED_AT), now.toString()));
      if (live.templateHasAnnotations() == null) {
        atWrite.add(
            "if the pod template has no annotations yet, the same value is added as a new"
                + " annotations map (/spec/template/metadata/annotations)");
      }
    } else {
      ops.add(
          PatchOperation.add(
              "/spec/template/metadata/annotations", Map.of(RESTARTED_AT, now.toString())));
    }
    ops.addAll(marks(actionId, incident));
    return new WritePlan(
        ActionType.RESTART,
        live.ref(),
        ops,
        null,
        "rolling restart of " + live.ref() + " at revision " + live.revision(),
        atWrite);
  }

  /** SCALE: replicas through the scale subresource; the Deployment patch only marks it. */
  public static WritePlan scale(
      ActionId actionId, IncidentId incident, DeploymentView live, int replicas) {
    List<PatchOperation> ops = guarded(live);
    ops.addAll(marks(actionId, incident));
    return new WritePlan(
        ActionType.SCALE,
        live.ref(),
        ops,
        replicas,
        "scale " + live.ref() + " from " + live.desiredReplicas() + " to " + replicas,
        List.of());
  }

  /** The annotations every write leaves on the Deployment. */
  public static Map<String, String> annotations(ActionId actionId, IncidentId incident) {
    return Map.of(ACTION_ID, actionId.toString(), INCIDENT_ID, incident.value());
  }

  private static List<PatchOperation> guarded(DeploymentView live) {
    List<PatchOperation> ops = new ArrayList<>();
    ops.add(
        PatchOperation.test(
            "/metadata/annotations/" + pointer(REVISION), Long.toString(live.revision())));
    return ops;
  }

  private static List<PatchOperation> marks(ActionId actionId, IncidentId incident) {
    return List.of(
        PatchOperation.add("/metadata/annotations/" + pointer(ACTION_ID), actionId.toString()),
        PatchOperation.add("/metadata/annotations/" + pointer(INCIDENT_ID), incident.value()));
  }

  private static Map<String, Object> pinned(TemplateView to) {
    Map<String, Object> value = new java.util.LinkedHashMap<>();
    value.put(
        PINNED, "the pod template of revision " + to.revision() + " as its ReplicaSet stores it");
    value.put("revision", to.revision());
    value.put("image", to.image());
    if (!to.sha().isBlank()) {
      value.put("gitSha", to.sha());
    }
    if (!to.templateHash().isBlank()) {
      value.put(POD_TEMPLATE_HASH, to.templateHash());
    }
    return value;
  }
}
