package io.backstop.guardrail.it;

import static io.backstop.guardrail.it.ReviewProposalIntegrationTest.await;
import static io.backstop.guardrail.it.ReviewProposalIntegrationTest.awaitCount;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionApproved;
import io.backstop.events.ApprovalRequested;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.EventHeader;
import io.backstop.events.HumanDecision;
import io.backstop.events.IncidentEvent;
import io.backstop.events.RequestRefused;
import io.backstop.events.Stage;
import io.backstop.events.Topics;
import io.backstop.events.approval.DecisionVerdict;
import io.backstop.events.approval.RefusalReason;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Keys;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.ActionId;
import io.backstop.events.id.IncidentId;
import io.backstop.stream.testing.TopicProbe;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * A proposal short of autonomy becomes an approval request on {@code backstop.approvals.v1}; a
 * person's decision on {@code backstop.decisions.v1} releases the exact write, signed, once.
 */
@GuardrailIntegration
class ApprovalFlowIntegrationTest {

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  private static DiagnosisProposed unsure(IncidentId incident) {
    return TestIncidents.under(
        incident,
        Diagnoses.proposal(
            Signals.badDeploy(),
            "checkout revision 3 crash-loops since it rolled out",
            "checkout",
            Signals.SHA_REV3,
            0.75,
            List.of("E1", "E2", "E3", "E4"),
            Diagnoses.honestRollback().action(),
            "llama",
            ModelTier.FALLBACK,
            List.of(Diagnoses.okCall("llama", ModelTier.FALLBACK))));
  }

  static HumanDecision decision(ApprovalRequested request, String who, ActionId actionId) {
    return EventCodec.seal(
        new HumanDecision(
            new EventHeader(
                HumanDecision.idFor(request.eventId(), who, DecisionVerdict.APPROVED),
                request.incidentId(),
                request.eventId(),
                Stage.ESCALATION,
                Fixtures.NOW,
                1,
                request.header().hash(),
                null),
            actionId,
            DecisionVerdict.APPROVED,
            who,
            Fixtures.NOW,
            "console 127.0.0.1",
            "revision 3 is the bad deploy"));
  }

  @org.springframework.boot.test.web.server.LocalServerPort int port;

  @org.junit.jupiter.api.BeforeEach
  void aQuietNamespace() {
    TestIncidents.quietNamespace(port, "shop");
  }

  @Test
  void aPersonsApprovalReleasesTheExactWriteOnceSignedAndNamingThem() {
    IncidentId incident = TestIncidents.fresh("approval");
    DiagnosisProposed proposal = unsure(incident);
    try (var probe = TopicProbe.connect(bootstrap)) {
      probe.send(Topics.DIAGNOSES, proposal);

      ApprovalRequested request =
          (ApprovalRequested) await(probe, Topics.APPROVALS, incident).get(0);
      assertThat(request.action().toRevision()).isEqualTo(2L);
      assertThat(request.plan().deploymentPatch().get(0).op()).isEqualTo("test");
      assertThat(request.expiresAt()).isEqualTo(Fixtures.NOW.plusSeconds(900));
      assertThat(request.approversRequired()).isEqualTo(1);

      HumanDecision yes = decision(request, "alice", request.actionId());
      probe.send(Topics.DECISIONS, yes);
      ActionApproved approved = (ActionApproved) await(probe, Topics.ACTIONS, incident).get(0);
      assertThat(approved.actionId()).isEqualTo(request.actionId());
      assertThat(approved.action()).isEqualTo(request.action());
      assertThat(approved.approvers()).extracting("principal").containsExactly("alice");
      assertThat(approved.header().parentHash()).isEqualTo(yes.header().hash());
      assertThat(Keys.verifier().isSigned(approved)).isTrue();

      probe.send(Topics.DECISIONS, yes);
      HumanDecision stray = decision(request, "bob", ActionId.derive(incident, yes.eventId()));
      probe.send(Topics.DECISIONS, stray);
      RequestRefused refused =
          (RequestRefused)
              awaitCount(probe, Topics.AUDIT, incident, 4).stream()
                  .filter(RequestRefused.class::isInstance)
                  .findFirst()
                  .orElseThrow();
      assertThat(refused.reason()).isEqualTo(RefusalReason.UNKNOWN_APPROVAL);
      assertThat(
              await(probe, Topics.ACTIONS, incident).stream()
                  .map(IncidentEvent::eventId)
                  .distinct())
          .as("the redelivered decision released no second write")
          .hasSize(1);
    }
  }
}
