package io.backstop.safety.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PatchOperation;
import io.backstop.events.action.WritePlan;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.ActionId;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class WritePlannerTest {

  static final ActionId ACTION =
      new ActionId(UUID.fromString("00000000-0000-0000-0000-000000000007"));
  static final DeploymentView CHECKOUT_AT_3 = new DeploymentView(Signals.CHECKOUT, 3, false, 3);

  @Test
  void aRollbackWithTheTemplateReplacesItWithoutTheHashLabel() {
    ObjectNode template =
        (ObjectNode)
            EventCodec.mapper()
                .readTree(
                    "{\"metadata\":{\"labels\":{\"app\":\"checkout\",\"pod-template-hash\":\"5c9d\"}}}");
    WritePlan plan =
        WritePlanner.rollback(
            ACTION,
            Alerts.INCIDENT,
            CHECKOUT_AT_3,
            new TemplateView(
                "checkout-5c9d", 2, Signals.SHA_REV2, "img:2", "5c9d", Optional.of(template)));

    PatchOperation replace = plan.deploymentPatch().get(1);
    assertThat(replace.path()).isEqualTo("/spec/template");
    assertThat(replace.value().get("metadata").get("labels").has("pod-template-hash")).isFalse();
    assertThat(template.get("metadata").get("labels").has("pod-template-hash"))
        .as("the planner works on a copy")
        .isTrue();
    assertThat(plan.atWrite()).isEmpty();
  }

  @Test
  void aRollbackPlannedFromSignalsPinsTheTemplateByItsHashAndSaysSo() {
    WritePlan plan =
        WritePlanner.rollback(
            ACTION,
            Alerts.INCIDENT,
            CHECKOUT_AT_3,
            new TemplateView("", 2, Signals.SHA_REV2, "img:2", "5c9d", Optional.empty()));

    PatchOperation replace = plan.deploymentPatch().get(1);
    assertThat(replace.value().get(WritePlanner.PINNED).asString()).contains("revision 2");
    assertThat(replace.value().get("pod-template-hash").asString()).isEqualTo("5c9d");
    assertThat(plan.atWrite()).singleElement().asString().contains("5c9d", "refuses");
  }

  @Test
  void everyPatchFirstTestsTheRevisionAndEndsWithTheMarks() {
    WritePlan plan = WritePlanner.scale(ACTION, Alerts.INCIDENT, CHECKOUT_AT_3, 5);

    assertThat(plan.deploymentPatch().get(0).op()).isEqualTo("test");
    assertThat(plan.deploymentPatch().get(0).value().asString()).isEqualTo("3");
    assertThat(plan.deploymentPatchJson())
        .contains("/metadata/annotations/backstop.io~1action-id")
        .contains("/metadata/annotations/backstop.io~1incident-id");
    assertThat(plan.scalePatchJson())
        .isEqualTo("[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]");
  }

  @Test
  void aRestartOfATemplateOfUnknownAnnotationsNamesBothFormsOfTheWrite() {
    WritePlan known = WritePlanner.restart(ACTION, Alerts.INCIDENT, CHECKOUT_AT_3, Fixtures.NOW);
    WritePlan unknown =
        WritePlanner.restart(
            ACTION,
            Alerts.INCIDENT,
            new DeploymentView(Signals.CHECKOUT, 3, null, 3),
            Fixtures.NOW);

    assertThat(known.deploymentPatch().get(1).path())
        .isEqualTo("/spec/template/metadata/annotations");
    assertThat(unknown.deploymentPatch().get(1).path())
        .isEqualTo("/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt");
    assertThat(unknown.atWrite()).hasSize(2);
  }

  @Test
  void theGuardrailsPlanFromSignalsIsTheExecutorsPlanWhereTheSignalsKnowTheState() {
    ApprovedAction scale = ApprovedAction.scale(Signals.CHECKOUT, 5);

    WritePlan fromSignals =
        SignalPlans.plan(scale, ACTION, Alerts.INCIDENT, Signals.badDeploy(), Fixtures.NOW)
            .orElseThrow();
    WritePlan fromLive =
        WritePlanner.plan(
            scale, ACTION, Alerts.INCIDENT, CHECKOUT_AT_3, Optional.empty(), Fixtures.NOW);

    assertThat(fromSignals).isEqualTo(fromLive);
  }

  @Test
  void anActionTheSignalsCannotPlanHasNoPlan() {
    ApprovedAction unknownRevision = ApprovedAction.rollback(Signals.CHECKOUT, 9, Signals.SHA_REV2);

    assertThat(
            SignalPlans.plan(
                unknownRevision, ACTION, Alerts.INCIDENT, Signals.badDeploy(), Fixtures.NOW))
        .isEmpty();
  }

  @Test
  void thePatchHasNoRemoveOperation() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new PatchOperation("remove", "/spec", null))
        .hasMessageContaining("remove");
  }
}
