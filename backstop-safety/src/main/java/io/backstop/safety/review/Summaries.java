package io.backstop.safety.review;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.diagnosis.RecommendedAction;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.safety.facts.ModelText;
import java.util.List;
import java.util.stream.Collectors;

/** Text a human can act on: what was proposed, what stopped it, which evidence it cited. */
final class Summaries {

  private Summaries() {}

  static String escalation(
      DiagnosisProposed diagnosis,
      ModelText text,
      EscalationReason reason,
      List<PolicyVerdict> failures) {
    return reason + ". " + proposed(diagnosis, text) + " Stopped by: " + stoppedBy(failures) + ".";
  }

  static String rejection(
      DiagnosisProposed diagnosis, ModelText text, ModelTier next, List<PolicyVerdict> failures) {
    return "Rejected, re-routed to "
        + next
        + ". "
        + proposed(diagnosis, text)
        + " Failed checks: "
        + stoppedBy(failures)
        + ".";
  }

  static String approval(DiagnosisProposed diagnosis, ModelText text, ApprovedAction action) {
    return "Approved " + describe(action) + ". " + proposed(diagnosis, text);
  }

  /** An action in a few words: {@code ROLLBACK of deployment/shop/cart to revision 4}. */
  static String describe(ApprovedAction action) {
    return action.type()
        + " of "
        + action.target()
        + (action.toRevision() == null ? "" : " to revision " + action.toRevision())
        + (action.replicas() == null ? "" : " to " + action.replicas() + " replicas");
  }

  static String suggestedAction(EscalationReason reason) {
    return switch (reason) {
      case ANOMALY_BUDGET_EXHAUSTED ->
          "Take over the incident: automation spent its anomaly budget; review the timeline.";
      case QUALITY_GATE_EXHAUSTED ->
          "Diagnose by hand: the models' diagnoses did not match the gathered evidence.";
      case HUMAN_ACTION_RECOMMENDED -> "Review the diagnosis and act by hand if it is right.";
      case ACTION_BLOCKED ->
          "Review the blocked action and the evidence; act by hand only if it is truly safe.";
      case TIER_AUTONOMY_LIMIT ->
          "Confirm the fallback model's diagnosis before acting; it lacked confidence to act alone.";
      case BREAKER_OPEN ->
          "Inspect the namespace's recent automated writes; reset the breaker once it is stable.";
      default -> "Investigate: the safety path failed closed; check guardrail-service logs.";
    };
  }

  private static String proposed(DiagnosisProposed diagnosis, ModelText text) {
    if (diagnosis == null || text == null) {
      return "No readable proposal.";
    }
    RecommendedAction a = diagnosis.action();
    java.util.function.UnaryOperator<String> shown = text::shown;
    return "Proposed by "
        + diagnosis.answeredBy()
        + " ("
        + diagnosis.tier()
        + ", confidence "
        + diagnosis.confidence()
        + "): "
        + shown.apply(a.type())
        + " "
        + shown.apply(a.namespace())
        + "/"
        + shown.apply(a.target())
        + (a.scope() == null ? "" : " scope=" + shown.apply(a.scope()))
        + (a.revision() == null ? "" : " revision=" + a.revision())
        + (a.gitSha() == null ? "" : " sha=" + shown.apply(a.gitSha()))
        + (a.podTemplateHash() == null
            ? ""
            : " pod-template-hash=" + shown.apply(a.podTemplateHash()))
        + (a.replicas() == null ? "" : " replicas=" + a.replicas())
        + " because \""
        + shown.apply(diagnosis.hypothesis())
        + "\"; cited evidence "
        + shown.apply(String.valueOf(diagnosis.citedEvidence()))
        + ".";
  }

  private static String stoppedBy(List<PolicyVerdict> failures) {
    if (failures.isEmpty()) {
      return "(no failed verdict)";
    }
    return failures.stream()
        .map(v -> v.policyId() + " (" + v.reason() + ")")
        .collect(Collectors.joining("; "));
  }
}
