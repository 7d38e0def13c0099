package io.backstop.safety.facts;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.diagnosis.RecommendedAction;
import io.backstop.redaction.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a model wrote, read with triage's secret rules. Safety rationale: a model that echoes
 * a password from a log into its hypothesis would otherwise carry the secret into every record the
 * guardrail writes; one hit (or a redaction marker left by diagnosis-service, which redacts the
 * same way before it emits) rejects the proposal, and anything the core renders from model text
 * goes through {@link #shown} first. One scan per proposal: the fields are read together in one
 * pass, and only a proposal that holds a secret pays for naming the fields and redacting what is
 * shown.
 */
public final class ModelText {

  /** The prefix of every marker {@link Redactor} writes. */
  public static final String MARKER = "[REDACTED:";

  private static final Redactor REDACTOR = new Redactor();

  private final Map<String, String> fields;
  private final boolean clean;

  private ModelText(Map<String, String> fields) {
    this.fields = fields;
    this.clean = !holdsSecret(String.join("\n", fields.values()));
  }

  /** Scans every field the model wrote in the proposal. */
  public static ModelText of(DiagnosisProposed diagnosis) {
    Map<String, String> fields = new LinkedHashMap<>();
    put(fields, "hypothesis", diagnosis.hypothesis());
    put(fields, "suspectedResource", diagnosis.suspectedResource());
    put(fields, "suspectedNamespace", diagnosis.suspectedNamespace());
    put(fields, "suspectedDeploySha", diagnosis.suspectedDeploySha());
    for (int i = 0; i < diagnosis.citedEvidence().size(); i++) {
      put(fields, "citedEvidence[" + i + "]", diagnosis.citedEvidence().get(i));
    }
    RecommendedAction action = diagnosis.action();
    put(fields, "action.type", action.type());
    put(fields, "action.target", action.target());
    put(fields, "action.namespace", action.namespace());
    put(fields, "action.scope", action.scope());
    put(fields, "action.gitSha", action.gitSha());
    put(fields, "action.podTemplateHash", action.podTemplateHash());
    int i = 0;
    for (Map.Entry<String, String> param : action.params().entrySet()) {
      put(fields, "action.params[" + i + "].key", param.getKey());
      put(fields, "action.params[" + i + "].value", param.getValue());
      i++;
    }
    return new ModelText(fields);
  }

  /** Whether no field holds a secret or a redaction marker. */
  public boolean clean() {
    return clean;
  }

  /** The names of the fields that hold a secret or a redaction marker (empty when clean). */
  public List<String> secretFields() {
    if (clean) {
      return List.of();
    }
    List<String> hits = new ArrayList<>();
    fields.forEach(
        (name, text) -> {
          if (holdsSecret(text)) {
            hits.add(name);
          }
        });
    return List.copyOf(hits);
  }

  /** Model text as a record may show it: as written when the proposal is clean, else redacted. */
  public String shown(String text) {
    return clean || text == null ? text : REDACTOR.redact(text).text();
  }

  /** Whether the text holds a secret by triage's rules, or a marker where one was redacted. */
  public static boolean holdsSecret(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    return text.contains(MARKER) || REDACTOR.redact(text).count() > 0;
  }

  private static void put(Map<String, String> fields, String name, String text) {
    if (text != null && !text.isEmpty()) {
      fields.put(name, text);
    }
  }
}
