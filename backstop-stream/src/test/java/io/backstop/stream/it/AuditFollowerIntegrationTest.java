package io.backstop.stream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.AlertReceived;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Stage;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.EventPublisher;
import io.backstop.stream.KafkaClientConfig;
import io.backstop.stream.audit.AuditFollower;
import io.backstop.stream.audit.AuditReadException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.messaging.MessageChannel;
import org.springframework.transaction.support.TransactionTemplate;

@StreamIntegration
class AuditFollowerIntegrationTest {

  @Autowired EventPublisher publisher;
  @Autowired BinderFactory binders;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @Test
  void handsBackOnlyWhatWasCommittedSinceTheLastCallAndOnlyTheTypesAskedFor() {
    AlertReceived alert = TestAlerts.alert("follower-news");
    SignalsGathered signals = signals(alert);
    publisher.record(alert);
    publisher.record(signals);
    try (var follower = follower()) {
      // The first call reads the partition from the beginning: no proposal of this incident yet,
      // and neither its alert nor its signals, which are not of the type asked for.
      assertThat(follower.catchUp(alert.incidentId()).events())
          .allMatch(DiagnosisProposed.class::isInstance)
          .noneMatch(e -> e.incidentId().equals(alert.incidentId()));

      DiagnosisProposed proposal = publisher.record(Diagnoses.honestRollback(signals));

      assertThat(ofIncident(follower, alert.incidentId())).containsExactly(proposal);
      assertThat(ofIncident(follower, alert.incidentId())).isEmpty();
    }
  }

  @Test
  void neverHandsBackAProposalWhoseTransactionWasAborted() {
    AlertReceived alert = TestAlerts.alert("follower-aborted");
    SignalsGathered signals = signals(alert);
    publisher.record(alert);
    try (var follower = follower()) {
      follower.catchUp(alert.incidentId());
      DiagnosisProposed lost = EventCodec.seal(Diagnoses.honestRollback(signals));
      assertThatThrownBy(
              () ->
                  transactions()
                      .executeWithoutResult(
                          status -> {
                            publisher.record(lost);
                            throw new IllegalStateException("the step failed after publishing");
                          }))
          .hasMessageContaining("the step failed");
      // A later commit on the same partition: once it is read, the aborted record before it is
      // behind the follower's position and can no longer appear.
      publisher.record(signals);

      assertThat(ofIncident(follower, alert.incidentId())).isEmpty();
    }
  }

  @Test
  void aClosedFollowerRefusesWithANamedError() {
    AuditFollower follower = follower();
    follower.close();

    assertThatThrownBy(() -> follower.catchUp(IncidentId.of("follower-closed")))
        .isInstanceOf(AuditReadException.class)
        .hasMessageContaining("closed");
  }

  private static java.util.List<IncidentEvent> ofIncident(
      AuditFollower follower, IncidentId incident) {
    return follower.catchUp(incident).events().stream()
        .filter(e -> e.incidentId().equals(incident))
        .toList();
  }

  private AuditFollower follower() {
    return new AuditFollower(
        KafkaClientConfig.plaintext(bootstrap),
        Duration.ofSeconds(30),
        Set.of(DiagnosisProposed.class.getSimpleName()));
  }

  private static SignalsGathered signals(AlertReceived alert) {
    SignalsGathered base = Signals.badDeploy();
    return EventCodec.seal(
        new SignalsGathered(
            EventHeader.reactingTo(alert, Stage.TRIAGE, SignalsGathered.class, 1, Fixtures.NOW),
            base.target(),
            base.evidence(),
            base.rollouts(),
            base.inventory(),
            base.symptoms(),
            base.anomalyOnset(),
            0,
            base.missingSources()));
  }

  private TransactionTemplate transactions() {
    var binder = (KafkaMessageChannelBinder) binders.getBinder(null, MessageChannel.class);
    return new TransactionTemplate(
        new KafkaTransactionManager<>(binder.getTransactionalProducerFactory()));
  }
}
