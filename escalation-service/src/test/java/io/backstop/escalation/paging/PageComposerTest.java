package io.backstop.escalation.paging;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.escalation.bundle.BundleRenderer;
import io.backstop.escalation.bundle.IncidentBundle;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Decisions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageComposerTest {

  private final PageComposer composer =
      new PageComposer("KEY", "backstop", List.of(new PagerEvent.Link("http://ui", "Kafka UI")));
  private final IncidentBundle bundle =
      new BundleRenderer().render(Alerts.INCIDENT, List.of(Decisions.actionBlocked()));

  @Test
  void anEscalationTriggersACriticalPageKeyedByTheIncidentWithTheSuggestedAction() {
    PagerEvent page = composer.escalation(Decisions.actionBlocked(), bundle);

    assertThat(page.action()).isEqualTo(PagerAction.TRIGGER);
    assertThat(page.dedupKey()).isEqualTo(Alerts.INCIDENT.value());
    assertThat(page.payload().severity()).isEqualTo("critical");
    assertThat(page.payload().source()).isEqualTo("shop/checkout");
    assertThat(page.payload().summary())
        .startsWith("[Backstop] QUALITY_GATE_EXHAUSTED on shop/checkout");
    assertThat(page.payload().customDetails())
        .containsEntry("reason", "QUALITY_GATE_EXHAUSTED")
        .containsEntry("suggested_action", Decisions.actionBlocked().suggestedAction());
    assertThat(page.body()).containsKey("links");
  }

  @Test
  void aVerifiedActionIsAnInformationalTriggerThatSaysTheAgentActed() {
    PagerEvent page = composer.outcome(Decisions.rollbackVerified(), bundle);

    assertThat(page.payload().severity()).isEqualTo("info");
    assertThat(page.payload().summary())
        .startsWith("[Backstop] acted and recovered: ROLLBACK deployment/shop/checkout");
    assertThat(page.payload().eventClass()).isEqualTo("ACTION_VERIFIED");
  }

  @Test
  void aRefusalThatNeverReadTheDeploymentIsPagedWithoutTheRevisionsItDoesNotHave() {
    var verified = Decisions.rollbackVerified();
    var refused =
        new io.backstop.events.ActionExecuted(
            verified.header(),
            verified.actionId(),
            verified.action(),
            io.backstop.events.action.ExecutionStatus.REFUSED,
            null,
            null,
            null,
            null,
            null,
            "FORGED_APPROVAL: not signed");

    PagerEvent page = composer.outcome(refused, bundle);

    assertThat(page.payload().severity()).isEqualTo("error");
    assertThat(page.payload().customDetails())
        .containsEntry("status", "REFUSED")
        .doesNotContainKeys("revision_before", "revision_after");
    assertThat(page.body()).containsKey("payload");
  }

  @Test
  void aResolveCarriesOnlyTheDedupKey() {
    Map<String, Object> body = composer.resolve(Alerts.INCIDENT).body();

    assertThat(body)
        .containsEntry("event_action", "resolve")
        .containsEntry("dedup_key", Alerts.INCIDENT.value())
        .doesNotContainKey("payload");
  }

  @Test
  void cutsASummaryToTheEventsV2Limit() {
    var payload =
        new PagerEvent.Payload(
            "x".repeat(5000), "s", "info", java.time.Instant.EPOCH, null, null, null, Map.of());

    assertThat(payload.summary()).hasSize(PagerEvent.MAX_SUMMARY);
  }
}
