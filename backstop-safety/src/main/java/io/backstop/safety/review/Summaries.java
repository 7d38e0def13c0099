package io.backstop.safety.review;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.diagnosis.ModelTier;
import io.backstop.events.diagnosis.RecommendedAction;
import io.backstop.events.escalation.EscalationReason;
import io.backstop.safety.facts.ModelText;
import java.util.List;

/** Text a human can act on: what was proposed, what stopped it, which evidence it cited. */
final class Summaries {

  /**
   * A summary is built in one builder sized for it (the review's largest strings), not from strings
   * of its pieces: room for the fixed words and names, the hypothesis and each failed verdict.
   */
  private static int capacity(DiagnosisProposed diagnosis, List<PolicyVerdict> failures) {
    int capacity = 256 + (diagnosis == null ? 0 : diagnosis.hypothesis().length());
    for (PolicyVerdict v : failures) {
      capacity += v.policyId().length() + v.reason().length() + 5;
    }
    return capacity;
  }

  private Summaries() {}

  static String escalation(
      DiagnosisProposed diagnosis,
      ModelText text,
      EscalationReason reason,
      List<PolicyVerdict> failures) {
    StringBuilder out =
        new StringBuilder(capacity(diagnosis, failures)).append(reason).append(". ");
    proposed(out, diagnosis, text).append(" Stopped by: ");
    return stoppedBy(out, failures).append('.').toString();
  }

  static String rejection(
      DiagnosisProposed diagnosis, ModelText text, ModelTier next, List<PolicyVerdict> failures) {
    StringBuilder out =
        new StringBuilder(capacity(diagnosis, failures)).append("Rejected, re-routed to ");
    proposed(out.append(next).append(". "), diagnosis, text).append(" Failed checks: ");
    return stoppedBy(out, failures).append('.').toString();
  }

  static String approval(DiagnosisProposed diagnosis, ModelText text, ApprovedAction action) {
    StringBuilder out = new StringBuilder(capacity(diagnosis, List.of())).append("Approved ");
    return proposed(describe(out, action).append(". "), diagnosis, text).toString();
  }

  /** An action in a few words: {@code ROLLBACK of deployment/shop/cart to revision 4}. */
  static String describe(ApprovedAction action) {
    return describe(new StringBuilder(64), action).toString();
  }

  // numbers are appended as primitives: the same digits, without a String for each
  private static StringBuilder describe(StringBuilder out, ApprovedAction action) {
    out.append(action.type()).append(" of ").append(action.target());
    if (action.toRevision() != null) {
      out.append(" to revision ").append(action.toRevision().longValue());
    }
    if (action.replicas() != null) {
      out.append(" to ").append(action.replicas().intValue()).append(" replicas");
    }
    return out;
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

  private static StringBuilder proposed(
      StringBuilder out, DiagnosisProposed diagnosis, ModelText text) {
    if (diagnosis == null || text == null) {
      return out.append("No readable proposal.");
    }
    RecommendedAction a = diagnosis.action();
    out.append("Proposed by ")
        .append(diagnosis.answeredBy())
        .append(" (")
        .append(diagnosis.tier())
        .append(", confidence ")
        .append(diagnosis.confidence())
        .append("): ")
        .append(text.shown(a.type()))
        .append(' ')
        .append(text.shown(a.namespace()))
        .append('/')
        .append(text.shown(a.target()));
    if (a.scope() != null) {
      out.append(" scope=").append(text.shown(a.scope()));
    }
    if (a.revision() != null) {
      out.append(" revision=").append(a.revision().longValue());
    }
    if (a.gitSha() != null) {
      out.append(" sha=").append(text.shown(a.gitSha()));
    }
    if (a.podTemplateHash() != null) {
      out.append(" pod-template-hash=").append(text.shown(a.podTemplateHash()));
    }
    if (a.replicas() != null) {
      out.append(" replicas=").append(a.replicas().intValue());
    }
    return out.append(" because \"")
        .append(text.shown(diagnosis.hypothesis()))
        .append("\"; cited evidence ")
        .append(text.shown(String.valueOf(diagnosis.citedEvidence())))
        .append('.');
  }

  private static StringBuilder stoppedBy(StringBuilder out, List<PolicyVerdict> failures) {
    if (failures.isEmpty()) {
      return out.append("(no failed verdict)");
    }
    for (int i = 0; i < failures.size(); i++) {
      PolicyVerdict v = failures.get(i);
      out.append(i == 0 ? "" : "; ")
          .append(v.policyId())
          .append(" (")
          .append(v.reason())
          .append(')');
    }
    return out;
  }
}
