package io.backstop.triage.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.AlertReceived;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.redaction.Redactor;
import io.backstop.stream.EventPublisher;
import io.backstop.triage.evidence.GatheringLimits;
import io.backstop.triage.evidence.SignalGatherer;
import io.backstop.triage.metrics.PrometheusSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertAdmissionTest {

  final List<IncidentEvent> published = new ArrayList<>();
  final List<IncidentEvent> recorded = new ArrayList<>();
  final Map<String, IncidentRecord> states = new HashMap<>();
  final ExecutorService executor = Executors.newSingleThreadExecutor();

  final AlertAdmission admission =
      new AlertAdmission(
          new AlertGrouping(GroupingPolicy.defaults()),
          new IncidentBook(GroupingPolicy.defaults()),
          new MapStore(),
          Gathering.now(
              new SignalGatherer(
                  Optional.empty(),
                  PrometheusSettings.unconfigured(),
                  GatheringLimits.defaults(),
                  new Redactor(),
                  executor,
                  Fixtures.CLOCK),
              new ListPublisher()),
          new ListPublisher(),
          new Redactor(),
          Fixtures.CLOCK);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void aStormOfDuplicatesIsOneIncidentAndOneSignalsGathered() {
    for (int i = 0; i < 500; i++) {
      admission.admit(IncidentBookTest.alert("f" + (i % 5), AlertStatus.FIRING));
    }

    assertThat(published).hasSize(1).first().isInstanceOf(SignalsGathered.class);
    assertThat(states).hasSize(1);
    assertThat(states.values().iterator().next().deliveries()).isEqualTo(500);
    assertThat(recorded).hasSizeLessThan(20);
  }

  @Test
  void recordsTheAdmittedAlertUnderTheCanonicalIncidentAndChainsTheSignalsToIt() {
    admission.admit(IncidentBookTest.alert("f1", AlertStatus.FIRING));

    AlertReceived admitted = (AlertReceived) recorded.get(0);
    SignalsGathered signals = (SignalsGathered) published.get(0);
    assertThat(admitted.incidentId().value()).startsWith("inc-shop-checkout-");
    assertThat(admitted.header().stage()).isEqualTo(Stage.TRIAGE);
    assertThat(signals.incidentId()).isEqualTo(admitted.incidentId());
    assertThat(signals.header().parentHash()).isEqualTo(admitted.header().hash());
    assertThat(signals.missingSources()).anyMatch(s -> s.startsWith("kubernetes:"));
  }

  @Test
  void auditsTheClosingAlertWithTheTotalCount() {
    admission.admit(IncidentBookTest.alert("f1", AlertStatus.FIRING));
    admission.admit(IncidentBookTest.alert("f1", AlertStatus.FIRING));
    admission.admit(IncidentBookTest.alert("f1", AlertStatus.FIRING));
    admission.admit(IncidentBookTest.alert("f1", AlertStatus.RESOLVED));

    AlertReceived closing = (AlertReceived) recorded.get(recorded.size() - 1);
    assertThat(closing.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(closing.duplicateCount()).isEqualTo(3);
    assertThat(recorded).extracting(IncidentEvent::eventId).doesNotHaveDuplicates();
  }

  final class MapStore implements IncidentStore {
    @Override
    public Optional<IncidentRecord> find(String groupKey) {
      return Optional.ofNullable(states.get(groupKey));
    }

    @Override
    public void save(IncidentRecord state) {
      states.put(state.groupKey(), state);
    }
  }

  final class ListPublisher implements EventPublisher {
    @Override
    public <T extends IncidentEvent> T publish(T event) {
      T sealed = EventCodec.seal(event);
      published.add(sealed);
      return sealed;
    }

    @Override
    public <T extends IncidentEvent> T record(T event) {
      T sealed = EventCodec.seal(event);
      recorded.add(sealed);
      return sealed;
    }

    @Override
    public <T extends IncidentEvent> T forward(T event) {
      throw new AssertionError("admission never forwards");
    }
  }
}
