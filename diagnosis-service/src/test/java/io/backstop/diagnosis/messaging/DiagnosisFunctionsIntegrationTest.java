package io.backstop.diagnosis.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.diagnosis.llm.Answers;
import io.backstop.diagnosis.llm.StubGateway;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.IncidentEvent;
import io.backstop.events.SignalsGathered;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.diagnosis.CallOutcome;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.testing.EmbeddedBackstopKafka;
import io.backstop.stream.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service end to end on an embedded KRaft broker, with its gateway pointed at a scripted
 * OpenAI-compatible stub: signals in, a proposal out on the diagnoses topic and in the audit; a
 * rejection in, a strong-tier proposal out; a poison record to the dead-letter topic.
 */
@SpringBootTest(
    properties = {
      "spring.main.banner-mode=off",
      "backstop.diagnosis.targets[0].name=claude",
      "backstop.diagnosis.targets[0].model=claude-model",
      "backstop.diagnosis.targets[0].tier=PRIMARY",
      "backstop.diagnosis.targets[0].priority=1",
      "backstop.diagnosis.targets[0].timeout=20s",
      "backstop.diagnosis.targets[0].input-price-per1k=0.003",
      "backstop.diagnosis.targets[0].output-price-per1k=0.015",
      "backstop.diagnosis.targets[0].structured-output=true",
      "backstop.diagnosis.targets[1].name=opus",
      "backstop.diagnosis.targets[1].model=opus-model",
      "backstop.diagnosis.targets[1].tier=STRONG",
      "backstop.diagnosis.targets[1].priority=1",
      "backstop.diagnosis.targets[1].input-price-per1k=0.015",
      "backstop.diagnosis.targets[1].output-price-per1k=0.075",
      "backstop.diagnosis.chain.backoff=10ms"
    })
@EmbeddedBackstopKafka
@DirtiesContext // stops the broker with the class, not in the JVM's exit
class DiagnosisFunctionsIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final StubGateway GATEWAY = startGateway();

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @DynamicPropertySource
  static void gateway(DynamicPropertyRegistry registry) {
    registry.add("backstop.diagnosis.gateway.base-url", GATEWAY::baseUrl);
  }

  @AfterAll
  static void stopGateway() {
    GATEWAY.close();
  }

  @Test
  void proposesADiagnosisOnTheDiagnosesTopicAndInTheAudit() {
    SignalsGathered signals = inIncident(Signals.badDeploy(), "inc-it-diagnose");

    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.SIGNALS, signals);

      DiagnosisProposed proposal = proposalFor(probe, Topics.DIAGNOSES, signals.incidentId());
      assertThat(proposal.answeredBy()).isEqualTo("claude");
      assertThat(proposal.tier()).isEqualTo(ModelTier.PRIMARY);
      assertThat(proposal.action().gitSha()).isEqualTo(Signals.SHA_REV2);
      assertThat(proposal.calls()).extracting(c -> c.outcome()).containsExactly(CallOutcome.OK);
      assertThat(proposal.header().causationId()).isEqualTo(signals.eventId());
      assertThat(proposal.header().parentHash()).isEqualTo(signals.header().hash());
      assertThat(EventCodec.intact(proposal)).isTrue();
      assertThat(proposal.signals()).isEqualTo(signals);

      DiagnosisProposed audited = proposalFor(probe, Topics.AUDIT, signals.incidentId());
      assertThat(audited).isEqualTo(proposal);
    }
  }

  @Test
  void aRedeliveredSignalsRecordIsNotDiagnosedAgain() {
    SignalsGathered signals = inIncident(Signals.badDeploy(), "inc-it-redelivered");

    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.SIGNALS, signals);
      DiagnosisProposed first = proposalFor(probe, Topics.AUDIT, signals.incidentId());
      int callsAfterFirst = GATEWAY.requests("claude-model").size();

      probe.send(Topics.SIGNALS, signals);
      probe.send(Topics.SIGNALS, signals);
      // A later, different signals record of the same incident (same partition, read after the
      // duplicates): once its proposal is out, the duplicates have been handled.
      SignalsGathered later = laterSignals(signals);
      probe.send(Topics.SIGNALS, later);
      List<DiagnosisProposed> proposals =
          probe
              .readUntil(
                  Topics.DIAGNOSES,
                  rs -> proposalsOf(rs, signals).stream().anyMatch(p -> causedBy(p, later)),
                  WAIT)
              .stream()
              .map(r -> EventCodec.decode(r.value()))
              .filter(DiagnosisProposed.class::isInstance)
              .map(DiagnosisProposed.class::cast)
              .filter(p -> p.incidentId().equals(signals.incidentId()))
              .toList();

      assertThat(proposals.stream().filter(p -> causedBy(p, signals))).containsExactly(first);
      assertThat(GATEWAY.requests("claude-model")).hasSize(callsAfterFirst + 1);
    }
  }

  @Test
  void rediagnosesARejectionOnTheStrongTier() {
    DiagnosisRejected rejection = Decisions.hallucinationRejected();

    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.DIAGNOSIS_REJECTIONS, rejection);

      DiagnosisProposed proposal = proposalFor(probe, Topics.DIAGNOSES, rejection.incidentId());
      assertThat(proposal.answeredBy()).isEqualTo("opus");
      assertThat(proposal.tier()).isEqualTo(ModelTier.STRONG);
      assertThat(proposal.rerouteCount()).isEqualTo(1);
      assertThat(proposal.header().causationId()).isEqualTo(rejection.eventId());
      assertThat(GATEWAY.requests("opus-model"))
          .anySatisfy(seen -> assertThat(seen.body()).contains("sha-in-rollout-history"));
    }
  }

  @Test
  void sendsAPoisonRecordToTheDeadLetterTopic() {
    byte[] poison = "not an event".getBytes(StandardCharsets.UTF_8);

    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.SIGNALS, "inc-it-poison", poison);

      List<ConsumerRecord<String, byte[]>> dead =
          probe.readUntil(
              Topics.deadLetter(Topics.SIGNALS),
              rs -> rs.stream().anyMatch(r -> "inc-it-poison".equals(r.key())),
              WAIT);
      ConsumerRecord<String, byte[]> record =
          dead.stream().filter(r -> "inc-it-poison".equals(r.key())).findFirst().orElseThrow();
      assertThat(record.value()).isEqualTo(poison);
      assertThat(TopicProbe.header(record, "kafka_dlt-original-topic")).isEqualTo(Topics.SIGNALS);
    }
  }

  private static DiagnosisProposed proposalFor(
      TopicProbe probe, String topic, IncidentId incident) {
    List<ConsumerRecord<String, byte[]>> records =
        probe.readUntil(topic, rs -> rs.stream().anyMatch(r -> isProposal(r, incident)), WAIT);
    return records.stream()
        .filter(r -> isProposal(r, incident))
        .map(r -> (DiagnosisProposed) EventCodec.decode(r.value()))
        .findFirst()
        .orElseThrow();
  }

  private static boolean isProposal(ConsumerRecord<String, byte[]> record, IncidentId incident) {
    if (record.key() == null || !record.key().startsWith(incident.value())) {
      return false;
    }
    IncidentEvent event = EventCodec.decode(record.value());
    return event instanceof DiagnosisProposed;
  }

  private static List<DiagnosisProposed> proposalsOf(
      List<ConsumerRecord<String, byte[]>> records, SignalsGathered signals) {
    return records.stream()
        .map(r -> EventCodec.decode(r.value()))
        .filter(DiagnosisProposed.class::isInstance)
        .map(DiagnosisProposed.class::cast)
        .filter(p -> p.incidentId().equals(signals.incidentId()))
        .toList();
  }

  private static boolean causedBy(DiagnosisProposed proposal, SignalsGathered signals) {
    return proposal.header().causationId().equals(signals.eventId());
  }

  private static SignalsGathered laterSignals(SignalsGathered signals) {
    var header =
        new io.backstop.events.EventHeader(
            io.backstop.events.id.EventId.derive(signals.eventId(), "TRIAGE", "later", 1),
            signals.incidentId(),
            signals.header().causationId(),
            signals.header().stage(),
            signals.header().occurredAt().plusSeconds(30),
            1,
            signals.header().parentHash(),
            null);
    return EventCodec.seal(signals.withHeader(header));
  }

  private static SignalsGathered inIncident(SignalsGathered signals, String incident) {
    var header = signals.header().withIncident(IncidentId.of(incident)).withHash(null);
    return EventCodec.seal(signals.withHeader(header));
  }

  private static StubGateway startGateway() {
    try {
      StubGateway gateway = StubGateway.start();
      gateway.always("claude-model", StubGateway.completion(Answers.honest(), 2310, 412));
      gateway.always("opus-model", StubGateway.completion(Answers.honest(), 3000, 500));
      return gateway;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot start the stub gateway", e);
    }
  }
}
