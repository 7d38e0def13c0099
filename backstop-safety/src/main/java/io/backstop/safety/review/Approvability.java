package io.backstop.safety.review;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.action.Preconditions;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.safety.breaker.Breakers;
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
import java.util.Set;

/**
 * Which escalations a human may approve, and the re-check when they do. Safety rationale: a hard
 * rule is every quality rule, every deny rule of the action gate, an executable action built from
 * the inventory, and a closed breaker; none of them is ever overridden. Only a gate whose failures
 * are all escalations of policies marked {@code approvable} (or of the anomaly budget, which only a
 * person can extend) may be approved, and only for the exact candidate the gates judged.
 */
public final class Approvability {

  /** The escalation reasons an approval can answer; every other reason is final. */
  static final Set<EscalationReason> APPROVABLE =
      Set.of(
          EscalationReason.TIER_AUTONOMY_LIMIT,
          EscalationReason.ACTION_BLOCKED,
          EscalationReason.ANOMALY_BUDGET_EXHAUSTED);

  private final PolicyBook book;

  Approvability(PolicyBook book) {
    this.book = book;
  }

  /**
   * Whether a gate's result lets a human-approved write through: it passed, or it returned
   * verdicts, none denies, and every escalation is of a policy the file marks approvable. The
   * executor asks this of its re-check when the approval names approvers. An empty result never
   * passes.
   */
  public static boolean overridable(GateResult result, PolicyBook book) {
    if (result.passed()) {
      return true;
    }
    return !result.verdicts().isEmpty()
        && result.failures().stream()
            .allMatch(v -> v instanceof Verdict.Escalate && book.approvable(v.policyId()));
  }

  /** What a human may approve of a proposal the review escalated, if anything. */
  Optional<HumanApproval> assess(GateRuns gates, Breakers breakers, GateResult budget) {
    List<PolicyVerdict> overridden =
        new ArrayList<>(budget.failures().stream().map(v -> v.toRecord(Gate.BUDGET)).toList());
    if (budget.failures().stream().anyMatch(v -> !(v instanceof Verdict.Escalate))) {
      return Optional.empty();
    }
    if (!hardRulesHold(gates, breakers)) {
      return Optional.empty();
    }
    overridden.addAll(escalations(gates.check().result()));
    overridden.addAll(escalations(gates.autonomy()));
    var candidate = gates.check().candidate();
    return Optional.of(
        new HumanApproval(
            candidate.action().orElseThrow(),
            candidate.preconditions().orElseThrow(),
            book.settings().approval().approversFor(gates.subject().target().orElseThrow()),
            book.settings().approval().expiry(),
            overridden));
  }

  /**
   * The re-check of an approved action against its diagnosis when the last approval arrives: every
   * hard rule again with the incident's writes now, the candidate still exactly the approved action
   * and preconditions, the approved action's own re-check (as the executor runs it), the breaker.
   */
  ApprovalCheck recheck(
      DiagnosisProposed diagnosis,
      ApprovedAction approved,
      Preconditions preconditions,
      int writesApproved,
      Breakers breakers) {
    Subject subject =
        new Subject(
            diagnosis, diagnosis.signals(), ProposedWrite.recommended(diagnosis), writesApproved);
    SubjectFacts facts = SubjectFacts.of(subject, book.settings());
    List<PolicyVerdict> verdicts = new ArrayList<>();
    GateResult quality = facts.run(book.gate(Gate.QUALITY));
    verdicts.addAll(quality.toRecords());
    if (!quality.passed()) {
      return ApprovalCheck.fail(verdicts, EscalationReason.ACTION_BLOCKED, "a quality rule fails");
    }
    ActionCheck check = ActionCheck.of(facts, subject, book);
    verdicts.addAll(check.result().toRecords());
    if (!overridable(check.result(), book)) {
      return ApprovalCheck.fail(
          verdicts, EscalationReason.ACTION_BLOCKED, "an action rule no approval overrides fails");
    }
    Subject asApproved =
        new Subject(
            diagnosis,
            diagnosis.signals(),
            ProposedWrite.approved(approved, diagnosis),
            writesApproved);
    GateResult exact = SubjectFacts.of(asApproved, book.settings()).run(book.gate(Gate.ACTION));
    if (!overridable(exact, book)) {
      verdicts.addAll(exact.toRecords());
      return ApprovalCheck.fail(
          verdicts, EscalationReason.ACTION_BLOCKED, "the approved action fails an action rule");
    }
    if (!check.candidate().action().equals(Optional.of(approved))
        || !check.candidate().preconditions().equals(Optional.of(preconditions))) {
      return ApprovalCheck.fail(
          verdicts,
          EscalationReason.ACTION_BLOCKED,
          "the rules now build another action than the one approved");
    }
    GateResult autonomy = facts.run(book.gate(Gate.AUTONOMY));
    verdicts.addAll(autonomy.toRecords());
    if (!overridable(autonomy, book)) {
      return ApprovalCheck.fail(
          verdicts,
          EscalationReason.ACTION_BLOCKED,
          "an autonomy rule no approval overrides fails");
    }
    GateResult breaker = BreakerVerdicts.of(breakers, approved.target().namespace());
    verdicts.addAll(breaker.toRecords());
    if (!breaker.passed()) {
      return ApprovalCheck.fail(verdicts, EscalationReason.BREAKER_OPEN, "the breaker is open");
    }
    return ApprovalCheck.pass(verdicts);
  }

  /**
   * Whether every hard rule holds: quality passed, a write, the action gate overridable with an
   * executable candidate on a known target, the autonomy gate overridable, the breaker closed.
   */
  private boolean hardRulesHold(GateRuns gates, Breakers breakers) {
    if (!gates.quality().passed()) {
      return false;
    }
    Subject subject = gates.subject();
    if (subject.write().type().filter(t -> t.isWrite()).isEmpty()) {
      return false;
    }
    ActionCheck check = gates.check();
    if (!overridable(check.result(), book)
        || check.candidate().action().isEmpty()
        || check.candidate().preconditions().isEmpty()
        || subject.target().isEmpty()) {
      return false;
    }
    if (!overridable(gates.autonomy(), book)) {
      return false;
    }
    String namespace = check.candidate().action().get().target().namespace();
    return BreakerVerdicts.of(breakers, namespace).passed();
  }

  private static List<PolicyVerdict> escalations(GateResult result) {
    return result.failures().stream().map(v -> v.toRecord(result.gate())).toList();
  }
}
