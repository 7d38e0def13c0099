package io.backstop.executor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.MetadataKeys;
import io.backstop.events.action.PatchOperation;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.id.ActionId;
import io.backstop.executor.fixtures.LiveStates;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LivePlannerTest {

  static final ActionId ACTION =
      new ActionId(UUID.fromString("00000000-0000-0000-0000-000000000007"));
  final LivePlanner planner = new LivePlanner(Fixtures.CLOCK);

  @Test
  void aRollbackReplacesTheTemplateWithTheTargetRevisionsWithoutItsHashLabel() {
    PlannedWrite write =
        planner.rollback(
            ACTION, Alerts.INCIDENT, LiveStates.checkoutAtRevision3(), LiveStates.revision2());

    JsonNode patch = EventCodec().readTree(write.deploymentPatchJson());
    assertThat(patch.get(1).get("op").asString()).isEqualTo("replace");
    assertThat(patch.get(1).get("path").asString()).isEqualTo("/spec/template");
    JsonNode labels = patch.get(1).get("value").get("metadata").get("labels");
    assertThat(labels.has("pod-template-hash")).isFalse();
    assertThat(labels.get("app").asString()).isEqualTo("checkout");
    assertThat(
            LiveStates.revision2()
                .podTemplate()
                .get("metadata")
                .get("labels")
                .has("pod-template-hash"))
        .as("the planner works on a copy")
        .isTrue();
  }

  @Test
  void everyPatchFirstTestsTheRevisionTheChecksSaw() {
    PlannedWrite write = planner.restart(ACTION, Alerts.INCIDENT, LiveStates.checkoutAtRevision3());

    JsonNode first = EventCodec().readTree(write.deploymentPatchJson()).get(0);
    assertThat(first.get("op").asString()).isEqualTo("test");
    assertThat(first.get("path").asString())
        .isEqualTo("/metadata/annotations/deployment.kubernetes.io~1revision");
    assertThat(first.get("value").asString()).isEqualTo("3");
  }

  @Test
  void everyWriteIsMarkedWithItsActionAndIncident() {
    PlannedWrite write =
        planner.scale(ACTION, Alerts.INCIDENT, LiveStates.checkoutAtRevision3(), 5);

    assertThat(write.annotations())
        .containsEntry(MetadataKeys.ACTION_ID, ACTION.toString())
        .containsEntry(MetadataKeys.INCIDENT_ID, Alerts.INCIDENT.value());
    assertThat(write.deploymentPatchJson())
        .contains("/metadata/annotations/backstop.io~1action-id")
        .contains("/metadata/annotations/backstop.io~1incident-id");
    assertThat(write.scalePatchJson())
        .isEqualTo("[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]");
  }

  @Test
  void aRestartAddsTheTemplateAnnotationsMapWhenTheTemplateHasNone() {
    PlannedWrite write = planner.restart(ACTION, Alerts.INCIDENT, LiveStates.checkoutAtRevision3());

    assertThat(write.deploymentPatchJson())
        .contains(
            "{\"op\":\"add\",\"path\":\"/spec/template/metadata/annotations\",\"value\":"
                + "{\"kubectl.kubernetes.io/restartedAt\":\""
                + Fixtures.NOW
                + "\"}}");
  }

  @Test
  void aScaleIsRevertedToTheReplicaCountBefore() {
    var before = LiveStates.checkoutAtRevision3();
    PlannedWrite back =
        planner.revert(
            io.backstop.events.action.ApprovedAction.scale(before.ref(), 6),
            ACTION,
            Alerts.INCIDENT,
            before,
            before,
            null);

    assertThat(back.replicas()).isEqualTo(3);
  }

  @Test
  void thePatchHasNoRemoveOperation() {
    PlannedWrite write =
        planner.rollback(
            ACTION, Alerts.INCIDENT, LiveStates.checkoutAtRevision3(), LiveStates.revision2());

    assertThat(write.deploymentPatch()).extracting(PatchOperation::op).doesNotContain("remove");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new PatchOperation("remove", "/spec", null))
        .hasMessageContaining("remove");
  }

  private static tools.jackson.databind.json.JsonMapper EventCodec() {
    return io.backstop.events.codec.EventCodec.mapper();
  }
}
