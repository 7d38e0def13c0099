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

  private final DiagnosisProposed diagnosis;
  private final boolean clean;

  private ModelText(DiagnosisProposed diagnosis) {
    this.diagnosis = diagnosis;
    // every field in one text, one line each (no field's name is needed unless one holds a secret)
    int[] length = {0};
    fields(diagnosis, false, (name, text) -> length[0] += text.length() + 1);
    StringBuilder joined = new StringBuilder(length[0]); // sized once: no growing copies
    fields(
        diagnosis, false, (name, text) -> joined.append(joined.isEmpty() ? "" : "\n").append(text));
    this.clean = !holdsSecret(joined.toString());
  }

  /** Scans every field the model wrote in the proposal. */
  public static ModelText of(DiagnosisProposed diagnosis) {
    return new ModelText(diagnosis);
  }

  /**
   * Hands each field the model wrote that is not empty to {@code field}, in a fixed order, with its
   * name when {@code named} (else null: the one-text scan needs no names).
   */
  private static void fields(DiagnosisProposed diagnosis, boolean named, Field field) {
    put(field, "hypothesis", diagnosis.hypothesis());
    put(field, "suspectedResource", diagnosis.suspectedResource());
    put(field, "suspectedNamespace", diagnosis.suspectedNamespace());
    put(field, "suspectedDeploySha", diagnosis.suspectedDeploySha());
    List<String> cited = diagnosis.citedEvidence();
    for (int i = 0; i < cited.size(); i++) {
      String text = cited.get(i);
      if (text != null && !text.isEmpty()) {
        field.accept(named ? "citedEvidence[" + i + "]" : null, text);
      }
    }
    RecommendedAction action = diagnosis.action();
    put(field, "action.type", action.type());
    put(field, "action.target", action.target());
    put(field, "action.namespace", action.namespace());
    put(field, "action.scope", action.scope());
    put(field, "action.gitSha", action.gitSha());
    put(field, "action.podTemplateHash", action.podTemplateHash());
    int i = 0;
    for (Map.Entry<String, String> param : action.params().entrySet()) {
      put(field, named ? "action.params[" + i + "].key" : null, param.getKey());
      put(field, named ? "action.params[" + i + "].value" : null, param.getValue());
      i++;
    }
  }

  /** One field the model wrote: its name on the record and its text. */
  @FunctionalInterface
  private interface Field {
    void accept(String name, String text);
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
    Map<String, String> fields = new LinkedHashMap<>();
    fields(diagnosis, true, fields::put);
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
    // finds: redact's answer without building the redacted text, from one pass for every rule's
    // hints
    return text.contains(MARKER) || REDACTOR.finds(text);
  }

  private static void put(Field field, String name, String text) {
    if (text != null && !text.isEmpty()) {
      field.accept(name, text);
    }
  }
}
