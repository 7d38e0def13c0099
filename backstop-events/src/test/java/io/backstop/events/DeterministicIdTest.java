package io.backstop.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.EventId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeterministicIdTest {

  @Test
  void theSameCauseStageStepAndAttemptGiveTheSameEventId() {
    var alert = Alerts.checkoutErrorRate();

    var first = EventHeader.reactingTo(alert, Stage.TRIAGE, SignalsGathered.class, 1, Fixtures.NOW);
    var redelivered =
        EventHeader.reactingTo(
            alert, Stage.TRIAGE, SignalsGathered.class, 1, Fixtures.NOW.plusSeconds(30));

    assertThat(redelivered.eventId()).isEqualTo(first.eventId());
  }

  @Test
  void idsAreStableAcrossRunsAndVersions() {
    // Pinned (MD5 name-based UUID of "event|cause|stage|step|attempt", computed independently):
    // if this changes, every redelivery after an upgrade would be a new audit record.
    EventId cause = new EventId(UUID.fromString("00000000-0000-0000-0000-000000000001"));

    assertThat(EventId.derive(cause, "TRIAGE", "SignalsGathered", 1).value())
        .isEqualTo(UUID.fromString("a43b6be9-881a-3acf-86cb-02aba05cb153"));
  }

  @Test
  void anotherAttemptOrAnotherStepIsAnotherEvent() {
    var alert = Alerts.checkoutErrorRate();
    var base = EventHeader.reactingTo(alert, Stage.EXECUTOR, ActionExecuted.class, 1, Fixtures.NOW);

    assertThat(
            EventHeader.reactingTo(alert, Stage.EXECUTOR, ActionExecuted.class, 2, Fixtures.NOW)
                .eventId())
        .isNotEqualTo(base.eventId());
    assertThat(
            EventHeader.reactingTo(alert, Stage.EXECUTOR, Escalated.class, 1, Fixtures.NOW)
                .eventId())
        .isNotEqualTo(base.eventId());
  }

  @Test
  void theSameAlertDeliveredTwiceGetsTheSameEventId() {
    assertThat(Alerts.checkoutErrorRate().eventId())
        .isEqualTo(Alerts.checkoutErrorRate().eventId());
  }

  @Test
  void actionIdsAreDerivedFromIncidentAndApprovingDecision() {
    var alert = Alerts.checkoutErrorRate();

    assertThat(ActionId.derive(alert.incidentId(), alert.eventId()))
        .isEqualTo(ActionId.derive(alert.incidentId(), alert.eventId()));
  }
}
