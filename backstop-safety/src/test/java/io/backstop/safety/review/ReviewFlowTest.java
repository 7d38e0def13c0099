package io.backstop.safety.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionApproved;
import io.backstop.events.Escalated;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.ActionId;
import io.backstop.safety.Guardrails;
import io.backstop.safety.budget.IncidentBudget;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.policy.PolicySet;
import io.backstop.safety.verdict.Gate;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReviewFlowTest {

  private final Guardrails guardrails = Guardrails.load(Optional.empty(), Fixtures.CLOCK);

  @Test
  void aRejectionAfterTheRerouteBudgetEscalatesInsteadOfReRouting() {
    var rejectedTwice = new IncidentBudget(2, 2, 2, 0, 0, 0, 6);

    Decision decision =
        guardrails
            .review()
            .evaluate(Diagnoses.hallucinatedRollbackAll(), rejectedTwice, guardrails.breakers());

    assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(decision.escalationReason()).isEqualTo(EscalationReason.QUALITY_GATE_EXHAUSTED);
    assertThat(decision.failures())
        .extracting(PolicyVerdict::policyId)
        .contains("quality.sha-grounded");
  }

  @Test
  void theDiagnosisOwnRerouteCountAlsoSpendsTheRerouteBudget() {
    var diagnosis =
        io.backstop.safety.fixtures.Proposal.from(Diagnoses.hallucinatedRollbackAll())
            .reroutes(2)
            .build();

    Decision decision =
        guardrails.review().evaluate(diagnosis, IncidentBudget.fresh(), guardrails.breakers());

    assertThat(decision.escalationReason()).isEqualTo(EscalationReason.QUALITY_GATE_EXHAUSTED);
  }

  @Test
  void aSpentAnomalyBudgetEscalatesEvenAnHonestProposal() {
    var spent = new IncidentBudget(3, 1, 2, 1, 1, 0, 12);

    Decision decision =
        guardrails.review().evaluate(Diagnoses.honestRollback(), spent, guardrails.breakers());

    assertThat(decision.escalationReason()).isEqualTo(EscalationReason.ANOMALY_BUDGET_EXHAUSTED);
    assertThat(decision.failures())
        .extracting(PolicyVerdict::policyId)
        .containsExactly(BudgetVerdicts.ANOMALY);
  }

  @Test
  void aSpentLoopBudgetEscalates() {
    var looping = new IncidentBudget(10, 0, 0, 0, 0, 0, 0);

    Decision decision =
        guardrails.review().evaluate(Diagnoses.honestRollback(), looping, guardrails.breakers());

    assertThat(decision.escalationReason()).isEqualTo(EscalationReason.ANOMALY_BUDGET_EXHAUSTED);
    assertThat(decision.failures())
        .extracting(PolicyVerdict::policyId)
        .containsExactly(BudgetVerdicts.LOOP);
  }

  @Test
  void aSecondWriteForTheSameIncidentIsBlocked() {
    var oneWrite = new IncidentBudget(1, 0, 0, 0, 0, 1, 0);

    Decision decision =
        guardrails.review().evaluate(Diagnoses.honestRollback(), oneWrite, guardrails.breakers());

    assertThat(decision.escalationReason()).isEqualTo(EscalationReason.ACTION_BLOCKED);
    assertThat(decision.failures())
        .extracting(PolicyVerdict::policyId)
        .contains("action.one-write-per-incident");
  }

  @Test
  void whileTheNamespaceBreakerIsOpenEveryWriteIsEscalated() {
    guardrails.breakers().apply(breakerOpened());

    Decision decision =
        guardrails
            .review()
            .evaluate(Diagnoses.honestRollback(), IncidentBudget.fresh(), guardrails.breakers());

    assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(decision.escalationReason()).isEqualTo(EscalationReason.BREAKER_OPEN);
    assertThat(decision.failures())
        .extracting(PolicyVerdict::policyId)
        .containsExactly("breaker.namespace");
  }

  @Test
  void reachingTheWriteLimitInTheWindowEscalatesWithBreakerOpen() {
    for (int i = 0; i < 5; i++) {
      guardrails.breakers().apply(approvalAt(i));
    }

    Decision decision =
        guardrails
            .review()
            .evaluate(Diagnoses.honestRollback(), IncidentBudget.fresh(), guardrails.breakers());

    assertThat(decision.escalationReason()).isEqualTo(EscalationReason.BREAKER_OPEN);
  }

  @Test
  void emptyActionPolicySetDeniesTheHonestProposal() {
    PolicyBook full = PolicyBook.loadDefault();
    var gates = new HashMap<>(full.gates());
    gates.put(Gate.ACTION, PolicySet.allOf(Gate.ACTION, List.of()));
    var review = new Review(new PolicyBook("test", full.settings(), gates));

    Decision decision =
        review.evaluate(Diagnoses.honestRollback(), IncidentBudget.fresh(), guardrails.breakers());

    assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(decision.failures())
        .extracting(PolicyVerdict::policyId)
        .containsExactly(PolicySet.EMPTY_SET_ID);
  }

  @Test
  void aGateMissingFromThePolicyFileDenies() {
    PolicyBook full = PolicyBook.loadDefault();
    var gates = new HashMap<>(full.gates());
    gates.remove(Gate.QUALITY);
    var review = new Review(new PolicyBook("test", full.settings(), gates));

    Decision decision =
        review.evaluate(Diagnoses.honestRollback(), IncidentBudget.fresh(), guardrails.breakers());

    assertThat(decision.outcome()).isNotEqualTo(Outcome.APPROVE);
    assertThat(decision.failures())
        .extracting(PolicyVerdict::policyId)
        .containsExactly(PolicySet.EMPTY_SET_ID);
  }

  @Test
  void aProposalToEscalateGoesToAHumanAtOnceEvenWhenItsCitationsAreImperfect() {
    Decision decision =
        guardrails
            .review()
            .evaluate(
                io.backstop.safety.fixtures.Proposal.honestRollback()
                    .sha(null)
                    .cited("E1", "E6")
                    .action("ESCALATE", "checkout", null, null, null, null)
                    .build(),
                IncidentBudget.fresh(),
                guardrails.breakers());

    assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(decision.escalationReason()).isEqualTo(EscalationReason.HUMAN_ACTION_RECOMMENDED);
    assertThat(decision.failures())
        .extracting(PolicyVerdict::policyId)
        .contains("quality.citations-concern-resource", "action.human-recommended");
  }

  @Test
  void unknownValueDenies() {
    Decision verb =
        guardrails
            .review()
            .evaluate(
                io.backstop.safety.fixtures.Proposal.honestRollback()
                    .action("rollback-all", "checkout", null, 2L, Signals.SHA_REV2, null)
                    .build(),
                IncidentBudget.fresh(),
                guardrails.breakers());
    Decision kind =
        guardrails
            .review()
            .evaluate(
                io.backstop.safety.fixtures.Honest.restart()
                    .action("RESTART", "node-exporter", null, null, null, null)
                    .build(),
                IncidentBudget.fresh(),
                guardrails.breakers());

    assertThat(verb.outcome()).isNotEqualTo(Outcome.APPROVE);
    assertThat(verb.failures())
        .extracting(PolicyVerdict::policyId)
        .contains("quality.action-supported");
    assertThat(kind.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(kind.failures())
        .extracting(PolicyVerdict::policyId)
        .contains("action.single-deployment");
  }

  @Test
  void factsThatCannotBeComputedDenyEveryGate() {
    var facts =
        new io.backstop.safety.gate.SubjectFacts(Optional.empty(), "IllegalStateException: boom");

    var result = facts.run(PolicyBook.loadDefault().gate(Gate.QUALITY));

    assertThat(result.passed()).isFalse();
    assertThat(result.failures())
        .extracting(io.backstop.safety.verdict.Verdict::policyId)
        .containsExactly(io.backstop.safety.gate.SubjectFacts.FACTS_UNAVAILABLE);
  }

  @Test
  void anExceptionInsideTheReviewEscalatesWithInternalError() {
    Decision decision =
        guardrails.review().evaluate(Diagnoses.honestRollback(), null, guardrails.breakers());

    assertThat(decision.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(decision.escalationReason()).isEqualTo(EscalationReason.INTERNAL_ERROR);
    assertThat(decision.failures())
        .extracting(PolicyVerdict::policyId)
        .containsExactly(Review.INTERNAL_ERROR_ID);
    assertThat(decision.summary()).contains("NullPointerException");
  }

  @Test
  void anEscalationSummaryNamesTheProposalWhatStoppedItAndTheEvidence() {
    Decision decision =
        guardrails
            .review()
            .evaluate(
                io.backstop.safety.fixtures.Proposal.honestRollback().scope("all").build(),
                IncidentBudget.fresh(),
                guardrails.breakers());

    assertThat(decision.summary())
        .contains("ROLLBACK shop/checkout scope=all", "action.scope-single", "[E1, E2, E3, E4]");
    assertThat(decision.suggestedAction()).isNotBlank();
  }

  static Escalated breakerOpened() {
    var header =
        EventHeader.reactingTo(
            Diagnoses.honestRollback(),
            Stage.GUARDRAIL,
            Escalated.class,
            1,
            Fixtures.minutesAgo(1));
    return new Escalated(
        header,
        EscalationReason.BREAKER_OPEN,
        AlertSeverity.CRITICAL,
        Signals.CHECKOUT,
        "too many failed recoveries",
        "reset after inspection",
        List.of());
  }

  private static ActionApproved approvalAt(int minutesAgo) {
    var cause = Diagnoses.honestRollback();
    var header =
        EventHeader.reactingTo(
            cause,
            Stage.GUARDRAIL,
            ActionApproved.class,
            1 + minutesAgo,
            Fixtures.minutesAgo(minutesAgo));
    return new ActionApproved(
        header,
        ActionId.derive(header.incidentId(), header.eventId()),
        io.backstop.events.action.ApprovedAction.restart(Signals.CART),
        new io.backstop.events.action.Preconditions(1, Signals.CART_SHA, "img", 2),
        List.of(),
        10,
        cause);
  }
}
