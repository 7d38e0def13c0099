package io.backstop.guardrail.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.DiagnosisRejected;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.IncidentEvent;
import io.backstop.events.Stage;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.guardrail.state.GuardrailState;
import io.backstop.safety.Guardrails;
import io.backstop.stream.Inbound;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProposalReviewerTest {

  private final Guardrails guardrails = Guardrails.load(Optional.empty(), Fixtures.CLOCK);
  private final GuardrailState state = new GuardrailState(guardrails);
  private final ProposalReviewer reviewer = new ProposalReviewer(guardrails, state, Fixtures.CLOCK);

  @Test
  void theThirdUngroundedProposalOfAnIncidentEscalatesAfterTwoReRoutes() {
    IncidentEvent first = reviewAndApply(attempt(1));
    IncidentEvent second = reviewAndApply(attempt(2));
    IncidentEvent third = reviewAndApply(attempt(3));

    assertThat(first).isInstanceOf(DiagnosisRejected.class);
    assertThat(((DiagnosisRejected) second).reroutesUsed()).isEqualTo(2);
    assertThat(third).isInstanceOf(Escalated.class);
    assertThat(((Escalated) third).reason()).isEqualTo(EscalationReason.QUALITY_GATE_EXHAUSTED);
  }

  @Test
  void anExceptionWhileReviewingEscalatesWithInternalErrorInsteadOfLosingTheRecord() {
    GuardrailState broken =
        new GuardrailState(guardrails) {
          @Override
          public io.backstop.safety.budget.IncidentBudget budget(
              io.backstop.events.id.IncidentId incident) {
            throw new IllegalStateException("budget store unavailable");
          }
        };
    var failing = new ProposalReviewer(guardrails, broken, Fixtures.CLOCK);

    IncidentEvent event = failing.review(Diagnoses.honestRollback());

    assertThat(event).isInstanceOf(Escalated.class);
    Escalated escalated = (Escalated) event;
    assertThat(escalated.reason()).isEqualTo(EscalationReason.INTERNAL_ERROR);
    assertThat(escalated.summary()).contains("budget store unavailable");
    assertThat(escalated.verdicts())
        .extracting("policyId")
        .containsExactly("review.internal-error");
  }

  @Test
  void anEditedProposalWhoseHashNoLongerMatchesIsEscalatedNotJudged() {
    DiagnosisProposed h = Diagnoses.honestRollback();
    DiagnosisProposed edited =
        new DiagnosisProposed(
            h.header(),
            "edited after sealing",
            h.suspectedResource(),
            h.suspectedNamespace(),
            h.suspectedDeploySha(),
            0.99,
            h.citedEvidence(),
            h.action(),
            h.answeredBy(),
            h.tier(),
            h.calls(),
            h.rerouteCount(),
            h.signals());

    IncidentEvent event = reviewer.review(edited);

    assertThat(event).isInstanceOf(Escalated.class);
    assertThat(((Escalated) event).reason()).isEqualTo(EscalationReason.INTERNAL_ERROR);
    assertThat(((Escalated) event).verdicts())
        .extracting("policyId")
        .containsExactly("review.integrity");
  }

  @Test
  void anIntactHonestProposalIsApproved() {
    assertThat(reviewer.review(Diagnoses.honestRollback()))
        .isInstanceOf(io.backstop.events.ActionApproved.class);
  }

  @Test
  void aProposalReceivedUnsealedIsEscalatedNotJudgedEvenWhenItsContentIsHonest() {
    DiagnosisProposed h = Diagnoses.honestRollback();
    byte[] unsealed = EventCodec.encode(h.withHeader(h.header().withHash(null)));

    IncidentEvent event =
        reviewer.review(Inbound.receive(unsealed, DiagnosisProposed.class, Inbound.Seal.REQUIRED));

    assertThat(event).isInstanceOf(Escalated.class);
    assertThat(((Escalated) event).verdicts())
        .extracting("policyId")
        .containsExactly("review.integrity");
  }

  @Test
  void anIntactProposalReceivedAsBytesIsJudged() {
    byte[] bytes = EventCodec.encode(Diagnoses.honestRollback());

    assertThat(
            reviewer.review(Inbound.receive(bytes, DiagnosisProposed.class, Inbound.Seal.REQUIRED)))
        .isInstanceOf(io.backstop.events.ActionApproved.class);
  }

  private IncidentEvent reviewAndApply(DiagnosisProposed diagnosis) {
    IncidentEvent event = EventCodec.seal(reviewer.review(diagnosis));
    state.apply(event);
    return event;
  }

  private static DiagnosisProposed attempt(int n) {
    DiagnosisProposed lie = Diagnoses.hallucinatedRollbackAll();
    EventHeader header =
        EventHeader.reactingTo(
            lie.signals(), Stage.DIAGNOSIS, DiagnosisProposed.class, n, Fixtures.NOW);
    return EventCodec.seal(lie.withHeader(header));
  }
}
