package io.backstop.safety.facts;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.diagnosis.RecommendedAction;
import io.backstop.redaction.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields a model wrote, read with triage's secret rules. Safety rationale: a model that echoes
 * a password from a log into its hypothesis would otherwise carry the secret into every record the
 * guardrail writes; one hit (or a redaction marker left by diagnosis-service, which redacts the
 * same way before it emits) rejects the proposal, and anything the core renders from model text
 * goes through {@link #redacted} first.
 */
public final class ModelText {

  /** The prefix of every marker {@link Redactor} writes. */
  public static final String MARKER = "[REDACTED:";

  private static final Redactor REDACTOR = new Redactor();

  private ModelText() {}

  /** The names of the model-written fields that hold a secret or a redaction marker. */
  public static List<String> secretFields(DiagnosisProposed diagnosis) {
    List<String> hits = new ArrayList<>();
    check("hypothesis", diagnosis.hypothesis(), hits);
    check("suspectedResource", diagnosis.suspectedResource(), hits);
    check("suspectedNamespace", diagnosis.suspectedNamespace(), hits);
    check("suspectedDeploySha", diagnosis.suspectedDeploySha(), hits);
    for (int i = 0; i < diagnosis.citedEvidence().size(); i++) {
      check("citedEvidence[" + i + "]", diagnosis.citedEvidence().get(i), hits);
    }
    RecommendedAction action = diagnosis.action();
    check("action.type", action.type(), hits);
    check("action.target", action.target(), hits);
    check("action.namespace", action.namespace(), hits);
    check("action.scope", action.scope(), hits);
    check("action.gitSha", action.gitSha(), hits);
    check("action.podTemplateHash", action.podTemplateHash(), hits);
    for (Map.Entry<String, String> param : action.params().entrySet()) {
      check("action.params." + redacted(param.getKey()), param.getKey(), hits);
      check("action.params." + redacted(param.getKey()), param.getValue(), hits);
    }
    return hits.stream().distinct().toList();
  }

  /** Whether the text holds a secret by triage's rules, or a marker where one was redacted. */
  public static boolean holdsSecret(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    return text.contains(MARKER) || REDACTOR.redact(text).count() > 0;
  }

  /** The text with every secret replaced by its marker; null stays null. */
  public static String redacted(String text) {
    return text == null ? null : REDACTOR.redact(text).text();
  }

  private static void check(String field, String text, List<String> hits) {
    if (holdsSecret(text)) {
      hits.add(field);
    }
  }
}
