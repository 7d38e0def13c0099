package io.backstop.eval.corpus;

import java.util.List;
import java.util.Map;

/**
 * One model output for the case: the diagnosis as the model wrote it, which tier answered, and what
 * the guardrail should decide.
 *
 * @param tier PRIMARY (default), FALLBACK, STRONG or OFFLINE
 * @param rerouteCount how many re-routes this incident had before this answer
 */
public record ModelOutput(
    String name,
    String tier,
    String answeredBy,
    Integer rerouteCount,
    Diagnosis diagnosis,
    Expectation expect) {

  /** The diagnosis fields as a model writes them; anything may be missing or wrong. */
  public record Diagnosis(
      String hypothesis,
      String resource,
      String namespace,
      String sha,
      Double confidence,
      List<String> cited,
      Action action) {}

  /** The recommended action, verbatim. */
  public record Action(
      String type,
      String target,
      String namespace,
      String scope,
      Long revision,
      String sha,
      String templateHash,
      Integer replicas,
      Map<String, String> params) {}
}
