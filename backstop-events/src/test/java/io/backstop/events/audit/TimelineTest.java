package io.backstop.events.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.AlertReceived;
import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.id.IncidentId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimelineTest {

  @Test
  void ordersEventsByCausationWhateverOrderTheyWereReadIn() {
    List<IncidentEvent> chain = AuditChains.rollbackIncident();
    for (int seed = 0; seed < 20; seed++) {
      List<IncidentEvent> shuffled = new ArrayList<>(chain);
      Collections.shuffle(shuffled, new Random(seed));

      Timeline timeline = Timeline.of(Alerts.INCIDENT, shuffled);

      assertThat(timeline.events()).containsExactlyElementsOf(chain);
      assertThat(timeline.verify().isIntact()).isTrue();
    }
  }

  @Test
  void ordersSiblingsOfOneCauseByTime() {
    List<IncidentEvent> chain = AuditChains.rollbackIncident();
    IncidentEvent early = AuditChains.sibling(chain.get(0), 1);
    IncidentEvent late = AuditChains.sibling(chain.get(0), 30);

    Timeline timeline = Timeline.of(Alerts.INCIDENT, List.of(late, chain.get(0), early));

    assertThat(timeline.events()).containsExactly(chain.get(0), early, late);
  }

  @Test
  void keepsTheLatestVersionOfARedeliveredStepAndRemembersTheEarlierOne() {
    AlertReceived alert = Alerts.checkoutErrorRate();
    AlertReceived redelivered =
        EventCodec.seal(AuditChains.at(alert, alert.header().occurredAt().plusSeconds(5)));

    Timeline timeline = Timeline.of(Alerts.INCIDENT, List.of(alert, redelivered));

    assertThat(timeline.events()).containsExactly(redelivered);
    assertThat(timeline.superseded()).containsExactly(alert);
  }

  @Test
  void groupsAWholeLogIntoOneTimelinePerIncidentSortedByIncidentId() {
    List<IncidentEvent> chain = AuditChains.rollbackIncident();
    IncidentEvent other = AuditChains.otherIncident("inc-other-0002");
    List<IncidentEvent> log = new ArrayList<>(chain);
    log.add(1, other);

    var timelines = Timelines.of(log);

    assertThat(timelines.keySet())
        .containsExactly(IncidentId.of("inc-other-0002"), Alerts.INCIDENT);
    assertThat(timelines.get(Alerts.INCIDENT).events()).containsExactlyElementsOf(chain);
    assertThat(timelines.get(IncidentId.of("inc-other-0002")).events()).containsExactly(other);
  }
}
