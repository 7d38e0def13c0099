package io.backstop.guardrail.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionApproved;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

@GuardrailIntegration
class ReviewProposalIntegrationTest {

  static final Duration WAIT = Duration.ofSeconds(60);

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @org.springframework.boot.test.web.server.LocalServerPort int port;

  @org.junit.jupiter.api.BeforeEach
  void aQuietNamespace() {
    TestIncidents.quietNamespace(port, "shop");
  }

  @Test
  void approvesTheHonestRollbackOnTheActionsTopicAndInTheAudit() {
    IncidentId incident = TestIncidents.fresh("honest");
    DiagnosisProposed honest = TestIncidents.under(incident, Diagnoses.honestRollback());
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.DIAGNOSES, honest);

      ActionApproved approved = (ActionApproved) await(probe, Topics.ACTIONS, incident).get(0);
      assertThat(approved.actionId()).isEqualTo(ActionId.derive(incident, honest.eventId()));
      assertThat(approved.action().toRevision()).isEqualTo(2L);
      assertThat(approved.action().toSha()).isEqualTo(Signals.SHA_REV2);
      assertThat(approved.preconditions().currentRevision()).isEqualTo(3L);
      assertThat(approved.preconditions().currentSha()).isEqualTo(Signals.SHA_REV3);
      assertThat(approved.verdicts())
          .isNotEmpty()
          .allSatisfy(v -> assertThat(v.outcome().name()).isEqualTo("ALLOW"));
      assertThat(approved.diagnosis()).isEqualTo(honest);
      assertThat(approved.header().parentHash()).isEqualTo(honest.header().hash());
      assertThat(EventCodec.intact(approved)).isTrue();
      assertThat(io.backstop.events.fixtures.Keys.verifier().isSigned(approved))
          .as("signed with the guardrail's key")
          .isTrue();

      List<IncidentEvent> audit = await(probe, Topics.AUDIT, incident);
      assertThat(audit).extracting(IncidentEvent::eventId).contains(approved.eventId());
    }
  }

  @Test
  void aProposalWhoseEmbeddedSignalsWereEditedIsEscalatedUnjudged() {
    IncidentId incident = TestIncidents.fresh("edited-signals");
    DiagnosisProposed honest = TestIncidents.under(incident, Diagnoses.honestRollback());
    var tree =
        (tools.jackson.databind.node.ObjectNode)
            EventCodec.mapper().readTree(EventCodec.encode(honest));
    ((tools.jackson.databind.node.ObjectNode) tree.get("signals")).put("redactionCount", 99);
    ((tools.jackson.databind.node.ObjectNode) tree.get("header")).remove("hash");
    ((tools.jackson.databind.node.ObjectNode) tree.get("header"))
        .put("hash", EventCodec.hash(EventCodec.mapper().writeValueAsBytes(tree)));
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.DIAGNOSES, incident.value(), EventCodec.mapper().writeValueAsBytes(tree));

      var escalated =
          (io.backstop.events.Escalated) await(probe, Topics.ESCALATIONS, incident).get(0);
      assertThat(escalated.reason())
          .isEqualTo(io.backstop.events.escalation.EscalationReason.INTERNAL_ERROR);
      assertThat(escalated.summary()).contains("hash check");
    }
  }

  @Test
  void rejectsTheHallucinatedRollbackAllWithTheStrongTierNext() {
    IncidentId incident = TestIncidents.fresh("hallucinated");
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(
          Topics.DIAGNOSES, TestIncidents.under(incident, Diagnoses.hallucinatedRollbackAll()));

      DiagnosisRejected rejected =
          (DiagnosisRejected) await(probe, Topics.DIAGNOSIS_REJECTIONS, incident).get(0);
      assertThat(rejected.nextTier()).isEqualTo(ModelTier.STRONG);
      assertThat(rejected.reroutesUsed()).isEqualTo(1);
      assertThat(rejected.failures()).extracting("policyId").contains("quality.sha-grounded");
    }
  }

  @Test
  void escalatesOnceTheRerouteBudgetIsSpent() {
    IncidentId incident = TestIncidents.fresh("reroutes");
    DiagnosisProposed lie = Diagnoses.hallucinatedRollbackAll();
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.DIAGNOSES, TestIncidents.attempt(incident, lie, 1));
      awaitCount(probe, Topics.DIAGNOSIS_REJECTIONS, incident, 1);
      probe.send(Topics.DIAGNOSES, TestIncidents.attempt(incident, lie, 2));
      awaitCount(probe, Topics.DIAGNOSIS_REJECTIONS, incident, 2);
      probe.send(Topics.DIAGNOSES, TestIncidents.attempt(incident, lie, 3));

      Escalated escalated = (Escalated) await(probe, Topics.ESCALATIONS, incident).get(0);
      assertThat(escalated.reason()).isEqualTo(EscalationReason.QUALITY_GATE_EXHAUSTED);
      assertThat(escalated.summary()).contains("quality.sha-grounded", "e4f5a6b7c8d9", "[E1]");
      assertThat(escalated.suggestedAction()).isNotBlank();
      assertThat(escalated.verdicts()).isNotEmpty();
    }
  }

  @Test
  void aPoisonRecordGoesToTheDeadLetterTopicNamingTheField() {
    String key = "it-poison-" + System.nanoTime();
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.DIAGNOSES, key, "not json".getBytes(StandardCharsets.UTF_8));

      List<ConsumerRecord<String, byte[]>> dead =
          probe.readUntil(
              Topics.deadLetter(Topics.DIAGNOSES),
              records -> records.stream().anyMatch(r -> key.equals(r.key())),
              WAIT);
      ConsumerRecord<String, byte[]> record =
          dead.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
      assertThat(TopicProbe.header(record, "backstop_error_field")).isEqualTo("$");
    }
  }

  static List<IncidentEvent> await(TopicProbe probe, String topic, IncidentId incident) {
    return awaitCount(probe, topic, incident, 1);
  }

  static List<IncidentEvent> awaitCount(
      TopicProbe probe, String topic, IncidentId incident, int count) {
    String prefix = incident.value();
    List<ConsumerRecord<String, byte[]>> records =
        probe.readUntil(
            topic,
            rs ->
                rs.stream().filter(r -> r.key() != null && r.key().startsWith(prefix)).count()
                    >= count,
            WAIT);
    return records.stream()
        .filter(r -> r.key() != null && r.key().startsWith(prefix))
        .map(r -> EventCodec.decode(r.value()))
        .toList();
  }
}
