package io.backstop.safety.review;

import static io.backstop.events.fixtures.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.ActionApproved;
import io.backstop.events.ActionExecuted;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.ExecutionStatus;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.id.IncidentId;
import io.backstop.safety.Guardrails;
import io.backstop.safety.budget.IncidentBudget;
import io.backstop.safety.fixtures.Honest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * action.target-settling: a second incident's automated write is not stacked on the first
 * incident's automated write to the same Deployment before that one has settled. Found by the chaos
 * suite's storm: the guardrail approved a rollback of checkout for a second incident seconds after
 * the first incident's rollback of checkout (the executor's re-check refused it, the breaker
 * counted it). Rows: an earlier write with no outcome yet, one written within the cool-down
 * (escalated, offered to a person); one settled longer ago, one that wrote nothing, the same
 * incident's own write, a write to another Deployment, a shorter cool-down from the policy file
 * (approved).
 */
class TargetSettlingTest {

  private static final String EARLIER = "inc-earlier-checkout";

  @Test
  void anotherIncidentsRollbackOfTheTargetWithNoOutcomeYetEscalatesOfferedToAPerson() {
    Guardrails g = fresh();
    g.breakers().apply(earlier(Decisions.rollbackApproved()), minutesAgo(2));

    Decision d = review(g);

    assertThat(d.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(d.approval()).as("a person who sees the first write landed may approve").isNotNull();
    assertThat(d.failures())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.policyId()).isEqualTo("action.target-settling");
              assertThat(v.reason())
                  .contains("'checkout'", EARLIER, "ROLLBACK", "its outcome not seen yet");
            });
  }

  @Test
  void anEarlierWriteVerifiedWithinTheCooldownStillEscalates() {
    Guardrails g = fresh();
    ActionApproved first = earlier(Decisions.rollbackApproved());
    g.breakers().apply(first, minutesAgo(6));
    g.breakers().apply(outcome(first, ExecutionStatus.VERIFIED), minutesAgo(3));

    Decision d = review(g);

    assertThat(d.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(d.failures())
        .extracting(PolicyVerdict::policyId)
        .containsExactly("action.target-settling");
    assertThat(d.failures().get(0).reason()).contains("written, outcome seen at");
  }

  @Test
  void anEarlierWriteVerifiedLongerAgoThanTheCooldownDoesNotStop() {
    Guardrails g = fresh();
    ActionApproved first = earlier(Decisions.rollbackApproved());
    g.breakers().apply(first, minutesAgo(15));
    g.breakers().apply(outcome(first, ExecutionStatus.VERIFIED), minutesAgo(12));

    assertThat(review(g).outcome()).isEqualTo(Outcome.APPROVE);
  }

  @Test
  void anEarlierApprovalThatWroteNothingSettlesAtOnce() {
    Guardrails g = fresh();
    ActionApproved first = earlier(Decisions.rollbackApproved());
    g.breakers().apply(first, minutesAgo(2));
    g.breakers().apply(outcome(first, ExecutionStatus.REFUSED), minutesAgo(1));

    assertThat(review(g).outcome()).isEqualTo(Outcome.APPROVE);
  }

  @Test
  void aFailedWriteMayHaveWrittenPartlySoItWaitsTheCooldown() {
    Guardrails g = fresh();
    ActionApproved first = earlier(Decisions.rollbackApproved());
    g.breakers().apply(first, minutesAgo(2));
    g.breakers().apply(outcome(first, ExecutionStatus.FAILED), minutesAgo(1));

    assertThat(review(g).failures())
        .extracting(PolicyVerdict::policyId)
        .containsExactly("action.target-settling");
  }

  @Test
  void theSameIncidentsOwnEarlierWriteIsLeftToTheLoopAndBudgetRules() {
    Guardrails g = fresh();
    g.breakers().apply(Decisions.rollbackApproved(), minutesAgo(2));

    assertThat(review(g).failures())
        .extracting(PolicyVerdict::policyId)
        .doesNotContain("action.target-settling");
  }

  @Test
  void anotherIncidentsUnsettledWriteToAnotherDeploymentDoesNotStop() {
    Guardrails g = fresh();
    ActionApproved cart = earlier(Decisions.rollbackApproved());
    g.breakers()
        .apply(
            new ActionApproved(
                cart.header(),
                cart.actionId(),
                ApprovedAction.restart(Signals.CART),
                cart.preconditions(),
                cart.verdicts(),
                cart.budgetLeft(),
                cart.diagnosis(),
                cart.approvers()),
            minutesAgo(1));

    assertThat(review(g).outcome()).isEqualTo(Outcome.APPROVE);
  }

  @Test
  void theCooldownIsTheOneThePolicyFileSets(@TempDir Path dir) throws IOException {
    String text =
        new String(
                TargetSettlingTest.class
                    .getResourceAsStream("/io/backstop/safety/policies.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("cooldown: PT10M", "cooldown: PT2M");
    Guardrails g =
        Guardrails.load(
            Optional.of(Files.writeString(dir.resolve("policies.yaml"), text)), Fixtures.CLOCK);
    ActionApproved first = earlier(Decisions.rollbackApproved());
    g.breakers().apply(first, minutesAgo(6));
    g.breakers().apply(outcome(first, ExecutionStatus.VERIFIED), minutesAgo(3));

    assertThat(g.book().settings().breaker().cooldown()).hasMinutes(2);
    assertThat(review(g).outcome()).isEqualTo(Outcome.APPROVE);
  }

  private static Guardrails fresh() {
    return Guardrails.load(Optional.empty(), Fixtures.CLOCK);
  }

  private static Decision review(Guardrails g) {
    return g.review().evaluate(Honest.rollback(), IncidentBudget.fresh(), g.breakers());
  }

  /** The same approval, for another incident. */
  private static ActionApproved earlier(ActionApproved a) {
    return new ActionApproved(
        a.header().withIncident(IncidentId.of(EARLIER)),
        a.actionId(),
        a.action(),
        a.preconditions(),
        a.verdicts(),
        a.budgetLeft(),
        a.diagnosis(),
        a.approvers());
  }

  private static ActionExecuted outcome(ActionApproved approved, ExecutionStatus status) {
    EventHeader header =
        EventHeader.reactingTo(approved, Stage.EXECUTOR, ActionExecuted.class, 1, Fixtures.NOW);
    return new ActionExecuted(
        header, approved.actionId(), approved.action(), status, 3L, 4L, null, null, null, "");
  }
}
