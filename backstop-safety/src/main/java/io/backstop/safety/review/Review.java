package io.backstop.safety.review;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.SignalsGathered;
import io.backstop.events.diagnosis.ActionType;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.safety.breaker.Breakers;
import io.backstop.safety.breaker.NamespaceBreaker;
import io.backstop.safety.budget.BudgetSettings;
import io.backstop.safety.budget.IncidentBudget;
import io.backstop.safety.facts.ProposedWrite;
import io.backstop.safety.facts.Subject;
import io.backstop.safety.gate.ActionCheck;
import io.backstop.safety.gate.SubjectFacts;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.verdict.Gate;
import io.backstop.safety.verdict.GateResult;
import io.backstop.safety.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one review path, used by the Kafka consumer, the what-if endpoint and the CLI alike. Order:
 * budget; a proposal of ESCALATE or NONE goes to a human at once (its quality verdicts on the
 * record: re-asking a model would only delay the page); quality (fail: re-route, or escalate once
 * the re-route budget is spent); action gate; autonomy (tier); breaker; only then APPROVE. Safety
 * rationale: every gate must pass to approve; any exception anywhere becomes ESCALATE with {@code
 * INTERNAL_ERROR}.
 */
public final class Review {

  /** The policy id of the verdict an internal failure is recorded under. */
  public static final String INTERNAL_ERROR_ID = "review.internal-error";

  /** The policy id of the verdict that records a rollback completed from the rollout history. */
  public static final String COMPLETED_ID = "quality.rollback-completed";

  private final PolicyBook book;
  private final Approvability approvability;

  public Review(PolicyBook book) {
    this.book = book;
    this.approvability = new Approvability(book);
  }

  public PolicyBook book() {
    return book;
  }

  /** Judges the diagnosis against its embedded signals. */
  public Decision evaluate(DiagnosisProposed diagnosis, IncidentBudget budget, Breakers breakers) {
    return evaluate(diagnosis.signals(), diagnosis, budget, breakers);
  }

  public Decision evaluate(
      SignalsGathered signals,
      DiagnosisProposed diagnosis,
      IncidentBudget budget,
      Breakers breakers) {
    try {
      return decide(signals, diagnosis, budget, breakers);
    } catch (RuntimeException | StackOverflowError e) {
      return internalError(diagnosis, budget, e);
    }
  }

  private Decision decide(
      SignalsGathered signals,
      DiagnosisProposed diagnosis,
      IncidentBudget budget,
      Breakers breakers) {
    BudgetSettings budgets = book.settings().budget();
    ProposedWrite write = ProposedWrite.recommended(diagnosis);
    Subject subject =
        new Subject(
            diagnosis,
            signals,
            write,
            budget.writesApproved(),
            ref -> breakers.recentWritesTo(ref.namespace(), ref.name()),
            ref ->
                breakers
                    .settlingWriteTo(ref.namespace(), ref.name(), diagnosis.incidentId().value())
                    .map(NamespaceBreaker.DeploymentWrite::describe));
    SubjectFacts facts = SubjectFacts.of(subject, book.settings());
    GateRuns gates = new GateRuns(subject, facts, book);
    Draft draft = new Draft(diagnosis, subject.modelText(), budget, budgets);
    GateResult budgetResult = BudgetVerdicts.of(budget, budgets);
    draft.add(budgetResult);
    Human human = reason -> humanApproval(reason, gates, breakers, budgetResult);
    if (!draft.last().passed()) {
      return draft.escalate(
          EscalationReason.ANOMALY_BUDGET_EXHAUSTED,
          human.approval(EscalationReason.ANOMALY_BUDGET_EXHAUSTED));
    }
    draft.add(withCompletion(gates.quality(), subject));
    Optional<ActionType> type = write.type();
    if (type.isPresent() && !type.get().isWrite()) {
      draft.add(humanRecommended(type));
      return draft.escalate(EscalationReason.HUMAN_ACTION_RECOMMENDED);
    }
    if (!draft.last().passed()) {
      return draft.rerouteOrEscalate();
    }
    ActionCheck check = gates.check();
    draft.add(check.result());
    if (!draft.last().passed()) {
      return draft.escalate(
          EscalationReason.ACTION_BLOCKED, human.approval(EscalationReason.ACTION_BLOCKED));
    }
    draft.add(gates.autonomy());
    if (!draft.last().passed()) {
      return draft.escalate(
          EscalationReason.TIER_AUTONOMY_LIMIT,
          human.approval(EscalationReason.TIER_AUTONOMY_LIMIT));
    }
    if (!check.approvable()) {
      draft.add(notExecutable());
      return draft.escalate(EscalationReason.ACTION_BLOCKED);
    }
    String namespace = check.candidate().action().orElseThrow().target().namespace();
    draft.add(BreakerVerdicts.of(breakers, namespace));
    if (!draft.last().passed()) {
      return draft.escalate(EscalationReason.BREAKER_OPEN);
    }
    return draft.approve(check.candidate());
  }

  /**
   * The hard rules and the breaker re-run on an approved action when its last approval arrives (see
   * {@link ApprovalCheck}); {@code writesApproved} is the incident's approved writes now. Never
   * throws: a failure is a failed check.
   */
  public ApprovalCheck recheckApproval(
      DiagnosisProposed diagnosis,
      io.backstop.events.action.ApprovedAction approved,
      io.backstop.events.action.Preconditions preconditions,
      int writesApproved,
      Breakers breakers) {
    try {
      return approvability.recheck(diagnosis, approved, preconditions, writesApproved, breakers);
    } catch (RuntimeException | StackOverflowError e) {
      return ApprovalCheck.fail(
          List.of(
              new io.backstop.events.action.PolicyVerdict(
                  "review",
                  INTERNAL_ERROR_ID,
                  io.backstop.events.action.VerdictOutcome.DENY,
                  "re-check failed: " + e.getClass().getSimpleName() + ": " + e.getMessage())),
          EscalationReason.INTERNAL_ERROR,
          "the re-check failed");
    }
  }

  /** What a human may approve of an escalation for {@code reason}; empty for a final one. */
  private Optional<HumanApproval> humanApproval(
      EscalationReason reason, GateRuns gates, Breakers breakers, GateResult budget) {
    if (!Approvability.APPROVABLE.contains(reason)) {
      return Optional.empty();
    }
    try {
      return approvability.assess(gates, breakers, budget);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The approval on offer for an escalation reason, computed only when it escalates. */
  @FunctionalInterface
  private interface Human {
    Optional<HumanApproval> approval(EscalationReason reason);
  }

  /** The quality verdicts, plus a record of what the rollout history completed in the proposal. */
  private static GateResult withCompletion(GateResult quality, Subject subject) {
    if (subject.completion().isEmpty()) {
      return quality;
    }
    List<Verdict> verdicts = new ArrayList<>(quality.verdicts());
    verdicts.add(Verdict.allow(COMPLETED_ID, subject.completion().get()));
    return new GateResult(quality.gate(), verdicts);
  }

  private static GateResult humanRecommended(Optional<ActionType> type) {
    return new GateResult(
        Gate.ACTION,
        List.of(
            Verdict.escalate(
                "action.human-recommended",
                "the proposal recommends "
                    + type.map(Enum::name).orElse("no action")
                    + ": a human decides")));
  }

  private static GateResult notExecutable() {
    return new GateResult(
        Gate.ACTION,
        List.of(
            Verdict.deny(
                "action.executable",
                "no executable action with preconditions could be built from the inventory")));
  }

  private Decision internalError(DiagnosisProposed diagnosis, IncidentBudget budget, Throwable e) {
    BudgetSettings budgets = book.settings().budget();
    Draft draft = new Draft(diagnosis, budget == null ? IncidentBudget.fresh() : budget, budgets);
    draft.add(
        new GateResult(
            Gate.BUDGET,
            new ArrayList<>(
                List.of(
                    Verdict.deny(
                        INTERNAL_ERROR_ID,
                        "review failed: "
                            + e.getClass().getSimpleName()
                            + ": "
                            + e.getMessage())))));
    return draft.escalate(EscalationReason.INTERNAL_ERROR);
  }
}
